package io.crowdpulse.metrics.scrape;

import java.util.Arrays;
import java.util.List;

/**
 * Quantile estimation from cumulative histogram buckets, the same way PromQL's {@code histogram_quantile}
 * does it for classic histograms.
 */
public final class Histograms {

    /** Counts this close (relative) to the previous bucket's are float noise and treated as equal, as in PromQL. */
    private static final double PRECISION_TOLERANCE = 1e-12;

    private Histograms() {
    }

    /**
     * One cumulative bucket of a histogram.
     *
     * @param upperBound      the inclusive upper bound ({@code le}), {@code +Inf} for the last bucket
     * @param cumulativeCount the number of observations less than or equal to {@code upperBound}
     */
    public record Bucket(double upperBound, double cumulativeCount) {
    }

    /**
     * The {@code q}-quantile of the observations in {@code cumulativeBuckets}, interpolated linearly within
     * the bucket it falls in, exactly as PromQL's {@code histogram_quantile}: the lowest bucket starts at 0
     * when its upper bound is positive (otherwise its upper bound is returned); a quantile in the
     * {@code +Inf} bucket returns the upper bound of the last finite bucket; buckets with the same upper
     * bound are merged, and a count lower than the one before it is raised to it. NaN when there are no
     * observations, fewer than two buckets, no {@code +Inf} bucket, or {@code q} is NaN; -Inf for
     * {@code q < 0} and +Inf for {@code q > 1}. The input is not modified and need not be sorted.
     */
    public static double quantile(double q, List<Bucket> cumulativeBuckets) {
        int n = cumulativeBuckets.size();
        Bucket[] sorted = cumulativeBuckets.toArray(new Bucket[0]);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.upperBound(), b.upperBound()));
        double[] bounds = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            bounds[i] = sorted[i].upperBound();
            counts[i] = sorted[i].cumulativeCount();
        }
        return quantileOfSorted(q, bounds, counts, n);
    }

    /**
     * {@link #quantile(double, List)} over the first {@code n} entries of parallel arrays already sorted by
     * upper bound; both arrays are used as scratch space and may be changed.
     */
    static double quantileOfSorted(double q, double[] upperBounds, double[] cumulativeCounts, int n) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (n == 0 || upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(upperBounds, cumulativeCounts, n);
        correctPrecisionErrors(cumulativeCounts, n);
        ensureMonotonic(cumulativeCounts, n);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = cumulativeCounts[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        // The first bucket whose count reaches the rank; the +Inf bucket (n - 1) when none does.
        int b = 0;
        int hi = n - 1;
        while (b < hi) {
            int mid = (b + hi) >>> 1;
            if (cumulativeCounts[mid] >= rank) {
                hi = mid;
            } else {
                b = mid + 1;
            }
        }
        if (b == n - 1) {
            return upperBounds[n - 2];
        }
        if (b == 0 && upperBounds[0] <= 0) {
            return upperBounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = upperBounds[b];
        double count = cumulativeCounts[b];
        if (b > 0) {
            bucketStart = upperBounds[b - 1];
            count -= cumulativeCounts[b - 1];
            rank -= cumulativeCounts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** Merges adjacent buckets with equal upper bounds in place; returns the new length. */
    private static int coalesce(double[] bounds, double[] counts, int n) {
        int last = 0;
        for (int i = 1; i < n; i++) {
            if (bounds[i] == bounds[last]) {
                counts[last] += counts[i];
            } else {
                last++;
                bounds[last] = bounds[i];
                counts[last] = counts[i];
            }
        }
        return last + 1;
    }

    private static void correctPrecisionErrors(double[] counts, int n) {
        double previous = counts[0];
        for (int i = 1; i < n; i++) {
            double current = counts[i];
            double delta = Math.abs(current - previous);
            if (delta == 0) {
                continue;
            }
            if (delta / current <= PRECISION_TOLERANCE) {
                counts[i] = previous;
            } else {
                previous = current;
            }
        }
    }

    private static void ensureMonotonic(double[] counts, int n) {
        double max = counts[0];
        for (int i = 1; i < n; i++) {
            if (counts[i] > max) {
                max = counts[i];
            } else if (counts[i] < max) {
                counts[i] = max;
            }
        }
    }
}
