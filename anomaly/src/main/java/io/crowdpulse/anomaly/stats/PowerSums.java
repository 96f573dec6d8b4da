package io.crowdpulse.anomaly.stats;

/**
 * Mean, variance, skewness and kurtosis of a multiset that values enter and leave (a sliding window), from the first
 * four power sums of the values' offsets to a reference point.
 *
 * <p>Offsets keep the sums small where the data sit, which is what keeps subtraction accurate; the owner re-centres
 * by {@link #reset(double)} and re-adding now and then (see {@link WindowStats}). Moments follow {@link Welford}'s
 * definitions.
 */
public final class PowerSums {

    // Below this variance relative to the mean², values are equal up to rounding and the shape moments are 0.
    private static final double FLAT = 1e-24;

    private double reference;
    private long n;
    private double s1;
    private double s2;
    private double s3;
    private double s4;

    /** Empties the sums and measures future offsets from {@code reference}. */
    public void reset(double reference) {
        this.reference = reference;
        n = 0;
        s1 = 0;
        s2 = 0;
        s3 = 0;
        s4 = 0;
    }

    public void add(double x) {
        double d = x - reference;
        double d2 = d * d;
        n++;
        s1 += d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }

    public void remove(double x) {
        double d = x - reference;
        double d2 = d * d;
        n--;
        s1 -= d;
        s2 -= d2;
        s3 -= d2 * d;
        s4 -= d2 * d2;
    }

    public long count() {
        return n;
    }

    public double mean() {
        return n == 0 ? Double.NaN : reference + s1 / n;
    }

    /** Central moment m2 = Σ(x − mean)² / n, never negative. */
    public double populationVariance() {
        if (n == 0) {
            return 0.0;
        }
        double mu = s1 / n;
        double m2 = s2 / n - mu * mu;
        return isFlat(m2) ? 0.0 : m2;
    }

    /** The sample variance (divided by n − 1), 0 with fewer than two values. */
    public double variance() {
        return n < 2 ? 0.0 : populationVariance() * n / (n - 1);
    }

    public double skewness() {
        double m2 = populationVariance();
        if (n < 2 || m2 == 0.0) {
            return 0.0;
        }
        double mu = s1 / n;
        double m3 = s3 / n - 3.0 * mu * s2 / n + 2.0 * mu * mu * mu;
        return m3 / Math.pow(m2, 1.5);
    }

    public double kurtosis() {
        double m2 = populationVariance();
        if (n < 2 || m2 == 0.0) {
            return 0.0;
        }
        double mu = s1 / n;
        double mu2 = mu * mu;
        double m4 = s4 / n - 4.0 * mu * s3 / n + 6.0 * mu2 * s2 / n - 3.0 * mu2 * mu2;
        return m4 / (m2 * m2) - 3.0;
    }

    private boolean isFlat(double m2) {
        double mean = reference + s1 / n;
        return m2 <= FLAT * Math.max(1e-300, mean * mean) || m2 <= 0.0;
    }
}
