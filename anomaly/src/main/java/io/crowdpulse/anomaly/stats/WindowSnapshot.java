package io.crowdpulse.anomaly.stats;

/**
 * The statistics of one series over one sliding time window at one moment. Values are NaN when the window is empty
 * (and the shape statistics 0 when it does not vary).
 *
 * @param count points in the window
 * @param firstTimestampMillis time of the oldest point (0 when empty)
 * @param lastTimestampMillis time of the newest point (0 when empty)
 * @param mean arithmetic mean
 * @param median 50th percentile
 * @param stddev sample standard deviation (n − 1), 0 with one point
 * @param min smallest value
 * @param max largest value
 * @param p95 95th percentile (linear interpolation between closest ranks)
 * @param p99 99th percentile (same definition)
 * @param skewness population skewness m3/m2^1.5
 * @param kurtosis population excess kurtosis m4/m2² − 3
 * @param ratePerSecond rate of change: (newest − oldest value) / seconds between them, 0 with one point
 * @param slopePerSecond least-squares slope of value against time, per second
 * @param trend the slope's direction, {@link TrendDirection#FLAT} unless the line explains enough of the variation
 */
public record WindowSnapshot(
        int count,
        long firstTimestampMillis,
        long lastTimestampMillis,
        double mean,
        double median,
        double stddev,
        double min,
        double max,
        double p95,
        double p99,
        double skewness,
        double kurtosis,
        double ratePerSecond,
        double slopePerSecond,
        TrendDirection trend) {

    /** The snapshot of an empty window. */
    public static final WindowSnapshot EMPTY = new WindowSnapshot(0, 0L, 0L, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0, 0.0, 0.0, 0.0, TrendDirection.FLAT);

    public boolean isEmpty() {
        return count == 0;
    }
}
