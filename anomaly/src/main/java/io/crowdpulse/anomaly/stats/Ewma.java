package io.crowdpulse.anomaly.stats;

/**
 * Exponentially weighted moving mean and variance of a stream (West's incremental form).
 *
 * <p>Until about {@code 1/alpha} values have been seen the weight is {@code 1/n} instead of {@code alpha}, so the
 * early estimates are plain running averages rather than biased towards the first value. Memory: a few fields.
 */
public final class Ewma {

    private final double alpha;
    private long count;
    private double mean;
    private double variance;

    private Ewma(double alpha) {
        this.alpha = alpha;
    }

    /** An average whose weight on the newest value is {@code alpha}, in (0, 1]. */
    public static Ewma ofAlpha(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
        }
        return new Ewma(alpha);
    }

    /** An average in which a value's weight halves every {@code halfLife} values (at least 1). */
    public static Ewma ofHalfLife(double halfLife) {
        if (!(halfLife >= 1.0) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("halfLife must be a finite number of values >= 1: " + halfLife);
        }
        return new Ewma(1.0 - Math.pow(0.5, 1.0 / halfLife));
    }

    public void add(double x) {
        count++;
        double a = Math.max(alpha, 1.0 / count);
        double d = x - mean;
        mean += a * d;
        variance = (1.0 - a) * (variance + a * d * d);
    }

    /** Restarts the average at {@code mean} with {@code variance}, as if that much history had been seen. */
    public void reset(double mean, double variance) {
        this.mean = mean;
        this.variance = Math.max(0.0, variance);
        this.count = Math.max(count, (long) Math.ceil(1.0 / alpha));
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    public double variance() {
        return variance;
    }

    public double stddev() {
        return Math.sqrt(variance);
    }

    public double alpha() {
        return alpha;
    }
}
