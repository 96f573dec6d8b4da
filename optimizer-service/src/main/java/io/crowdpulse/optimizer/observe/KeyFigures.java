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
     * Window means of p95 and p99 latency and error rate, and throughput per user: mean {@code http.rps} over
     * mean {@code sessions.concurrent_users} when the target counts users, else plain mean {@code http.rps}.
     */
    public static WindowFigures of(Map<String, SeriesFigures> series) {
        double rps = mean(series, Metrics.RPS);
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

    private static double mean(Map<String, SeriesFigures> series, String metric) {
        SeriesFigures s = series.get(metric);
        return s == null ? Double.NaN : s.mean();
    }
}
