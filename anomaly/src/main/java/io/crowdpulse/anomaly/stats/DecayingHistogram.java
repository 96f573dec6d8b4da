package io.crowdpulse.anomaly.stats;

/**
 * An exponentially decaying histogram of non-negative values on a logarithmic scale, answering "what value did the
 * top {@code 1 − q} of recent history exceed?" in constant memory.
 *
 * <p>Bins are eighths of an octave from 2⁻⁴ to 2⁸ (values outside are clamped into the end bins), so a quantile is
 * exact to within about 9%. Older values weigh less, halving every {@code halfLife} additions; the decay is applied
 * by growing the weight of new values instead of shrinking every bin. Memory: 96 doubles. {@link #add} is O(1);
 * {@link #upperQuantile(double)} scans at most all bins.
 */
public final class DecayingHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MIN_EXPONENT = -4;
    private static final int MAX_EXPONENT = 8;
    private static final int BINS = (MAX_EXPONENT - MIN_EXPONENT) * SUB;
    private static final double RESCALE_ABOVE = 1e200;

    private final double[] counts = new double[BINS];
    private final double growth;
    private double weight = 1.0;
    private double total;
    private long added;

    private DecayingHistogram(double halfLife) {
        this.growth = Math.pow(2.0, 1.0 / halfLife);
    }

    /** A histogram in which a value's weight halves every {@code halfLife} additions (at least 1). */
    public static DecayingHistogram ofHalfLife(double halfLife) {
        if (!(halfLife >= 1.0) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("halfLife must be a finite number of values >= 1: " + halfLife);
        }
        return new DecayingHistogram(halfLife);
    }

    /** The smallest value the bins resolve; smaller values count in the lowest bin. */
    public static double minValue() {
        return Math.scalb(1.0, MIN_EXPONENT);
    }

    /** The largest value the bins resolve; larger values count in the highest bin. */
    public static double maxValue() {
        return Math.scalb(1.0, MAX_EXPONENT);
    }

    public void add(double value) {
        counts[bin(value)] += weight;
        total += weight;
        added++;
        weight *= growth;
        if (weight > RESCALE_ABOVE) {
            double s = 1.0 / weight;
            for (int i = 0; i < BINS; i++) {
                counts[i] *= s;
            }
            total *= s;
            weight = 1.0;
        }
    }

    /** Forgets everything added so far. */
    public void clear() {
        java.util.Arrays.fill(counts, 0.0);
        total = 0.0;
        weight = 1.0;
        added = 0;
    }

    /** Values added since construction or the last {@link #clear()} (not decayed). */
    public long count() {
        return added;
    }

    /**
     * The value exceeded by a share {@code 1 − q} of the decayed weight, interpolated within its bin; 0 when empty.
     */
    public double upperQuantile(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        if (total == 0.0) {
            return 0.0;
        }
        double target = (1.0 - q) * total;
        double above = 0.0;
        for (int i = BINS - 1; i >= 0; i--) {
            double c = counts[i];
            if (above + c >= target && c > 0.0) {
                double lower = lowerEdge(i);
                double upper = lowerEdge(i + 1);
                return upper - (upper - lower) * ((target - above) / c);
            }
            above += c;
        }
        return lowerEdge(0);
    }

    static int bin(double value) {
        if (!(value >= Math.scalb(1.0, MIN_EXPONENT))) {
            return 0;
        }
        int exponent = Math.getExponent(value);
        if (exponent >= MAX_EXPONENT) {
            return BINS - 1;
        }
        int sub = (int) ((Double.doubleToRawLongBits(value) >>> (52 - SUB_BITS)) & (SUB - 1));
        return (exponent - MIN_EXPONENT) * SUB + sub;
    }

    static double lowerEdge(int bin) {
        int exponent = bin / SUB + MIN_EXPONENT;
        int sub = bin % SUB;
        return Math.scalb(1.0 + (double) sub / SUB, exponent);
    }
}
