package io.crowdpulse.optimizer.figures;

/**
 * One metric of one target over the optimizer's recent window (DESIGN.md metric names, overall series
 * only, no labels).
 *
 * @param metric         the metric name, e.g. {@code http.p99_ms}
 * @param latest         the newest value
 * @param mean           mean over the window
 * @param min            smallest value in the window
 * @param max            largest value in the window
 * @param p95            95th percentile of the values in the window
 * @param slopePerSecond least-squares slope over the window, in the metric's unit per second
 * @param count          how many values the window holds
 */
public record SeriesFigures(String metric, double latest, double mean, double min, double max, double p95,
        double slopePerSecond, int count) {

    /** A series holding one value only (no history yet): every statistic is that value, slope 0. */
    public static SeriesFigures of(String metric, double value) {
        return new SeriesFigures(metric, value, value, value, value, value, 0, 1);
    }
}
