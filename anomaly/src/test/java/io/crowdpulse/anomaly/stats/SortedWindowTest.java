package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedWindowTest {

    @Test
    void shouldMatchExactOrderStatisticsOnEveryStepOfARandomStream() {
        Random r = new Random(11);
        for (int capacity : new int[] {1, 2, 3, 7, 64, 255}) {
            SortedWindow w = SortedWindow.ofCapacity(capacity);
            ArrayDeque<Double> reference = new ArrayDeque<>();
            for (int i = 0; i < 2_000; i++) {
                // Few distinct values, so ties (and MAD = 0) are common.
                double v = r.nextInt(4) == 0 ? Math.floor(r.nextGaussian() * 2) : r.nextGaussian() * 10;
                w.add(v);
                reference.addLast(v);
                if (reference.size() > capacity) {
                    reference.removeFirst();
                }
                double[] exact = reference.stream().mapToDouble(Double::doubleValue).toArray();
                assertEquals(exact.length, w.size());
                assertEquals(Exact.median(exact), w.median(), 1e-12);
                assertEquals(Exact.mad(exact), w.mad(), 1e-12, "MAD at step " + i + " capacity " + capacity);
                assertEquals(Exact.quantile(exact, 0.95), w.quantile(0.95), 1e-12);
                assertEquals(Exact.quantile(exact, 0.25), w.quantile(0.25), 1e-12);
                assertEquals(Exact.quantile(exact, 0.0), w.min(), 0.0);
                assertEquals(Exact.quantile(exact, 1.0), w.max(), 0.0);
                assertEquals(reference.peekFirst(), w.oldest(), 0.0);
                assertEquals(reference.peekLast(), w.recent(0), 0.0);
            }
        }
    }

    @Test
    void shouldComputeTextbookMedianAndMadOfASmallWindow() {
        SortedWindow w = SortedWindow.ofCapacity(8);
        for (double v : new double[] {1, 1, 2, 2, 4, 6, 9}) {
            w.add(v);
        }
        assertEquals(2.0, w.median(), 0.0);
        assertEquals(1.0, w.mad(), 0.0); // |x − 2| = 1 1 0 0 2 4 7 → median 1
        assertEquals(1.5, w.quantile(0.25), 0.0);
        assertEquals(7.2, w.quantile(0.9), 1e-12); // rank 5.4: 6 + 0.4 × (9 − 6)
    }

    @Test
    void shouldEvictOldestFirstAndEmptyCleanly() {
        SortedWindow w = SortedWindow.ofCapacity(3);
        w.add(5);
        w.add(1);
        w.add(3);
        w.add(7);
        assertEquals(1.0, w.oldest(), 0.0);
        assertEquals(1.0, w.evictOldest(), 0.0);
        assertEquals(5.0, w.median(), 0.0);
        w.clear();
        assertEquals(0, w.size());
        assertThrows(IllegalStateException.class, w::median);
        assertThrows(IllegalStateException.class, w::evictOldest);
    }

    @Test
    void shouldRejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SortedWindow.ofCapacity(0));
        SortedWindow w = SortedWindow.ofCapacity(4);
        assertThrows(IllegalArgumentException.class, () -> w.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> w.add(Double.POSITIVE_INFINITY));
        w.add(1);
        assertThrows(IllegalArgumentException.class, () -> w.quantile(1.5));
        assertThrows(IndexOutOfBoundsException.class, () -> w.select(1));
        assertThrows(IndexOutOfBoundsException.class, () -> w.recent(1));
    }
}
