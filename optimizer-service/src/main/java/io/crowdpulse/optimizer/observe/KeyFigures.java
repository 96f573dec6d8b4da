package io.crowdpulse.optimizer.observe;

import java.util.Map;

import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.verify.WindowFigures;

/** Reduces a target's series over one window to the key figures a change is judged by. */
public final class KeyFigures {

    private KeyFigures() {
    }

    /**
     * Window means of p95 and p99 latency and error rate, and throughput per user: the mean good throughput
     * (mean {@code http.rps} less its shares of errors and of 429/503 answers, which are no work done) over
     * mean {@code sessions.concurrent_users} when the target counts users, else the good throughput itself.
     */
    public static WindowFigures of(Map<String, SeriesFigures> series) {
        double rps = mean(series, Metrics.RPS) * goodShare(series);
        double users = mean(series, Metrics.CONCURRENT_USERS);
        double throughput = Double.isNaN(rps) ? Double.NaN : (users > 0 ? rps / users : rps);
        int samples = 0;
        for (String metric : new String[] { Metrics.P99_MS, Metrics.P95_MS, Metrics.ERROR_RATE, Metrics.RPS }) {
            SeriesFigures s = series.get(metric);
            if (s != null) {
                samples = Math.max(samples, s.count());
            }
        }
        return new WindowFigures(mean(series, Metrics.P95_MS), mean(series, Metrics.P99_MS),
                mean(series, Metrics.ERROR_RATE), throughput, samples);
    }

    /** The share of requests answered with neither a server error nor a 429/503; 1 where not reported. */
    private static double goodShare(Map<String, SeriesFigures> series) {
        double errors = mean(series, Metrics.ERROR_RATE);
        double throttled = mean(series, Metrics.THROTTLED_RATE);
        double bad = (Double.isNaN(errors) ? 0 : errors) + (Double.isNaN(throttled) ? 0 : throttled);
        return Math.max(0, 1 - bad);
    }

    private static double mean(Map<String, SeriesFigures> series, String metric) {
        SeriesFigures s = series.get(metric);
        return s == null ? Double.NaN : s.mean();
    }
}
