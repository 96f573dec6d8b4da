package io.crowdpulse.metrics.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.crowdpulse.metrics.scrape.Histograms.Bucket;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double EPS = 1e-12;

    /** Per bucket 20, 30, 25, 15, 8, 2 observations: 100 in all. */
    private static final List<Bucket> WORKED = List.of(
            new Bucket(0.005, 20), new Bucket(0.01, 50), new Bucket(0.025, 75),
            new Bucket(0.05, 90), new Bucket(0.1, 98), new Bucket(INF, 100));

    @Test
    void shouldInterpolateLinearlyInsideTheBucketTheRankFallsIn() {
        // rank 50 reaches the 0.01 bucket exactly: 0.005 + 0.005 * (50 - 20) / 30
        assertEquals(0.01, Histograms.quantile(0.5, WORKED), EPS);
        // rank 95 is 5 of the 8 observations into (0.05, 0.1]: 0.05 + 0.05 * 5 / 8
        assertEquals(0.08125, Histograms.quantile(0.95, WORKED), EPS);
        // rank 80 is 5 of the 15 observations into (0.025, 0.05]
        assertEquals(0.025 + 0.025 * 5 / 15, Histograms.quantile(0.8, WORKED), EPS);
    }

    @Test
    void shouldStartTheFirstBucketAtZero() {
        // rank 10 is half of the 20 observations in (0, 0.005]
        assertEquals(0.0025, Histograms.quantile(0.1, WORKED), EPS);
    }

    @Test
    void shouldReturnTheLastFiniteBoundWhenTheRankFallsInTheInfBucket() {
        // rank 99 is above the 98 counted by le=0.1
        assertEquals(0.1, Histograms.quantile(0.99, WORKED));
        assertEquals(0.1, Histograms.quantile(1.0, WORKED));
    }

    @Test
    void shouldReturnTheUpperBoundOfANonPositiveFirstBucket() {
        List<Bucket> buckets = List.of(new Bucket(-1, 10), new Bucket(1, 20), new Bucket(INF, 20));
        assertEquals(-1.0, Histograms.quantile(0.25, buckets));
        assertEquals(0.0, Histograms.quantile(0.75, buckets), EPS);
    }

    @Test
    void shouldBeNaNWithoutObservations() {
        List<Bucket> empty = List.of(new Bucket(0.1, 0), new Bucket(INF, 0));
        assertTrue(Double.isNaN(Histograms.quantile(0.5, empty)));
    }

    @Test
    void shouldBeNaNWithoutAnInfBucketOrWithFewerThanTwoBuckets() {
        assertTrue(Double.isNaN(Histograms.quantile(0.5, List.of(new Bucket(0.1, 5), new Bucket(1, 10)))));
        assertTrue(Double.isNaN(Histograms.quantile(0.5, List.of(new Bucket(INF, 10)))));
        assertTrue(Double.isNaN(Histograms.quantile(0.5, List.of())));
    }

    @Test
    void shouldAnswerOutOfRangeQuantilesLikePromQL() {
        assertEquals(Double.NEGATIVE_INFINITY, Histograms.quantile(-0.1, WORKED));
        assertEquals(Double.POSITIVE_INFINITY, Histograms.quantile(1.1, WORKED));
        assertTrue(Double.isNaN(Histograms.quantile(Double.NaN, WORKED)));
    }

    @Test
    void shouldSortMergeDuplicateBoundsAndForceMonotonicCountsWithoutTouchingTheInput() {
        List<Bucket> messy = new ArrayList<>(List.of(
                new Bucket(INF, 100), new Bucket(0.05, 90), new Bucket(0.01, 30), new Bucket(0.01, 20),
                new Bucket(0.005, 20), new Bucket(0.025, 40), new Bucket(0.1, 98)));
        List<Bucket> copy = List.copyOf(messy);
        // After merging, 0.01 holds 50; the 0.025 count of 40 is raised to 50, so rank 60 falls in (0.025, 0.05].
        assertEquals(0.025 + 0.025 * 10 / 40, Histograms.quantile(0.6, messy), EPS);
        assertEquals(copy, messy);
    }

    @Test
    void shouldTreatFloatNoiseBetweenBucketCountsAsNoObservations() {
        List<Bucket> noisy = List.of(new Bucket(1, 10), new Bucket(2, 10 + 1e-13), new Bucket(INF, 20));
        // Read literally, rank 10 + 5e-14 lies halfway into (1, 2]; like PromQL we take 1e-13 for rounding
        // noise, so (1, 2] is empty and the rank lies in the +Inf bucket.
        assertEquals(2.0, Histograms.quantile(0.5 + 2.5e-15, noisy));
    }
}
