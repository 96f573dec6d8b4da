package io.crowdpulse.anomaly.detector;

/** Exponentially weighted mean of absolute forecast errors, a plain running mean until {@code 1/alpha} errors. */
final class MeanAbsoluteError {

    private final double alpha;
    private long count;
    private double mean;

    MeanAbsoluteError(double alpha) {
        this.alpha = alpha;
    }

    void add(double absError) {
        count++;
        double a = Math.max(alpha, 1.0 / count);
        mean += a * (absError - mean);
    }

    /** Raises the mean to at least {@code value} (after a change to a noisier regime). */
    void floor(double value) {
        mean = Math.max(mean, value);
    }

    long count() {
        return count;
    }

    double mean() {
        return mean;
    }
}
