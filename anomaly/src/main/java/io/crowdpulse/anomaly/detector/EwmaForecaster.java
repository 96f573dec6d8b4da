package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.stats.Ewma;

/** Expects the next value at an exponentially weighted mean, with the weighted standard deviation as its scale. */
final class EwmaForecaster implements Forecaster {

    private static final double CLIP = 4.0;

    private final Ewma stats;
    private final long readyAfter;

    EwmaForecaster(double alpha) {
        this.stats = Ewma.ofAlpha(alpha);
        this.readyAfter = Math.min(30, (long) Math.ceil(1.0 / alpha));
    }

    @Override
    public boolean ready() {
        return stats.count() >= readyAfter;
    }

    @Override
    public double forecast(int steps) {
        return stats.mean();
    }

    @Override
    public double scale(int steps) {
        return stats.stddev();
    }

    @Override
    public void learn(double value, int steps) {
        double v = value;
        if (ready()) {
            // Winsorized update: one spike cannot drag the baseline; a lasting change is re-seeded once reported.
            double m = stats.mean();
            double limit = CLIP * stats.stddev();
            v = Math.max(m - limit, Math.min(m + limit, v));
        }
        stats.add(v);
    }

    @Override
    public void reseed(double level, double[] recent, int count, double minScale) {
        double sd = Math.max(stats.stddev(), minScale);
        stats.reset(level, sd * sd);
    }
}
