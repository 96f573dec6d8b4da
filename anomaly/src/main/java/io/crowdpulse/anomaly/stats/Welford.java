package io.crowdpulse.anomaly.stats;

/**
 * Exact running count, mean, variance, skewness, kurtosis, min and max of a whole stream in constant memory
 * (Welford's update extended to the third and fourth moments, after Terriberry).
 *
 * <p>Skewness and kurtosis are the population moment ratios {@code m3/m2^1.5} and {@code m4/m2² − 3} (excess); both
 * are 0 when the variance is 0.
 */
public final class Welford {

    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.NaN;
    private double max = Double.NaN;

    public void add(double x) {
        long n1 = n;
        n++;
        double delta = x - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * ((double) n * n - 3.0 * n + 3.0) + 6.0 * deltaN2 * m2 - 4.0 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2.0) - 3.0 * deltaN * m2;
        m2 += term1;
        if (n == 1) {
            min = x;
            max = x;
        } else {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
    }

    public long count() {
        return n;
    }

    /** The mean, NaN when empty. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** The sample variance (divided by n − 1), 0 with fewer than two values. */
    public double variance() {
        return n < 2 ? 0.0 : m2 / (n - 1);
    }

    /** The population variance (divided by n), 0 when empty. */
    public double populationVariance() {
        return n == 0 ? 0.0 : m2 / n;
    }

    public double stddev() {
        return Math.sqrt(variance());
    }

    public double skewness() {
        if (n < 2 || m2 <= 0.0) {
            return 0.0;
        }
        return Math.sqrt((double) n) * m3 / Math.pow(m2, 1.5);
    }

    public double kurtosis() {
        if (n < 2 || m2 <= 0.0) {
            return 0.0;
        }
        return n * m4 / (m2 * m2) - 3.0;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
