package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.stats.SortedWindow;

/**
 * Expects the next value at the median of a sliding window; its scale is the normal-consistent MAD, or the IQR's
 * when more than half the window is one value (MAD = 0).
 */
final class RobustForecaster implements Forecaster {

    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double IQR_TO_SIGMA = 1.0 / 1.349;
    private static final int MIN_POINTS = 24;

    private final SortedWindow window;
    private final int refreshEvery;
    private double median;
    private double scale;
    private double scaleFloor;
    private int sinceRefresh;

    RobustForecaster(int windowPoints, int refreshEvery) {
        this.window = SortedWindow.ofCapacity(windowPoints);
        this.refreshEvery = refreshEvery;
    }

    @Override
    public boolean ready() {
        return window.size() >= MIN_POINTS;
    }

    @Override
    public double forecast(int steps) {
        return median;
    }

    @Override
    public double scale(int steps) {
        return scale;
    }

    @Override
    public void learn(double value, int steps) {
        window.add(value);
        median = window.median();
        // The MAD of a window of hundreds of points moves slowly; refreshing it every few points saves most of its cost.
        if (++sinceRefresh >= refreshEvery || window.size() <= MIN_POINTS) {
            sinceRefresh = 0;
            refreshScale();
        }
    }

    private void refreshScale() {
        double s = MAD_TO_SIGMA * window.mad();
        if (s == 0.0) {
            s = IQR_TO_SIGMA * (window.quantile(0.75) - window.quantile(0.25));
        }
        scale = window.size() < MIN_POINTS ? Math.max(s, scaleFloor) : s;
    }

    @Override
    public void reseed(double level, double[] recent, int count, double minScale) {
        scaleFloor = Math.max(scale, minScale);
        window.clear();
        for (int i = 0; i < count; i++) {
            window.add(recent[i]);
        }
        if (window.isEmpty()) {
            window.add(level);
        }
        median = window.median();
        refreshScale();
    }
}
