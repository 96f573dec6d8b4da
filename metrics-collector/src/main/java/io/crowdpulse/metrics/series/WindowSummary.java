package io.crowdpulse.metrics.series;

import java.util.Arrays;

/**
 * Statistics of one series over one window: count, mean, median, standard deviation, min, max, p95,
 * p99, skewness, excess kurtosis, rate of change, least-squares trend (per second) and its direction.
 * Computed from the window's points when asked, so recording a point stays O(1).
 */
public record WindowSummary(String window, int count, double mean, double median, double stddev, double min,
        double max, double p95, double p99, double skewness, double kurtosis, double ratePerSecond,
        double trendPerSecond, String trend) {

    /** Summarizes the points (times in ms, in order); an empty window gives count 0 and NaN figures. */
    static WindowSummary of(String window, PointBuffer.Points points) {
        int n = points.size();
        if (n == 0) {
            return new WindowSummary(window, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "flat");
        }
        double[] v = points.values();
        long[] t = points.times();
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double x : v) {
            double d = x - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        double variance = m2 / n;
        double stddev = Math.sqrt(variance);
        double skewness = variance == 0 ? 0 : (m3 / n) / Math.pow(variance, 1.5);
        double kurtosis = variance == 0 ? 0 : (m4 / n) / (variance * variance) - 3;
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double seconds = (t[n - 1] - t[0]) / 1000.0;
        double rate = seconds > 0 ? (v[n - 1] - v[0]) / seconds : 0;
        double slope = slope(t, v, mean);
        return new WindowSummary(window, n, mean, quantile(sorted, 0.5), stddev, sorted[0], sorted[n - 1],
                quantile(sorted, 0.95), quantile(sorted, 0.99), skewness, kurtosis, rate, slope,
                direction(slope, seconds, mean, stddev));
    }

    /** Linear interpolation between closest ranks, as numpy's default. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    private static double slope(long[] t, double[] v, double meanV) {
        double meanT = 0;
        for (long x : t) {
            meanT += (x - t[0]) / 1000.0;
        }
        meanT /= t.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < t.length; i++) {
            double dt = (t[i] - t[0]) / 1000.0 - meanT;
            sxy += dt * (v[i] - meanV);
            sxx += dt * dt;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /**
     * Rising or falling when the change the slope predicts over the window exceeds both half a standard
     * deviation and 1 % of the mean level, so noise does not read as a trend; flat otherwise.
     */
    private static String direction(double slope, double seconds, double mean, double stddev) {
        double change = slope * seconds;
        double noise = Math.max(0.5 * stddev, 0.01 * Math.abs(mean));
        if (Math.abs(change) <= noise || change == 0) {
            return "flat";
        }
        return change > 0 ? "rising" : "falling";
    }
}
