package io.crowdpulse.optimizer.actions;

import io.crowdpulse.optimizer.verify.WindowFigures;

/** The key figures of a window as stored and shown: {@code null} where not measured (JSON has no NaN). */
public record Figures(Double p95Ms, Double p99Ms, Double errorRate, Double throughputPerUser, int samples) {

    public static Figures of(WindowFigures w) {
        return new Figures(orNull(w.p95Ms()), orNull(w.p99Ms()), orNull(w.errorRate()), orNull(w.throughputPerUser()),
                w.samples());
    }

    public WindowFigures window() {
        return new WindowFigures(orNaN(p95Ms), orNaN(p99Ms), orNaN(errorRate), orNaN(throughputPerUser), samples);
    }

    static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
