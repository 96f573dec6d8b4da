package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecayingHistogramTest {

    @Test
    void shouldEstimateUpperQuantilesWithinABin() {
        DecayingHistogram h = DecayingHistogram.ofHalfLife(1e9);
        for (int i = 1; i <= 10_000; i++) {
            h.add(i / 100.0); // uniform on (0, 100]
        }
        assertEquals(99.5, h.upperQuantile(0.995), 99.5 * 0.09);
        assertEquals(90.0, h.upperQuantile(0.9), 90.0 * 0.09);
        assertEquals(50.0, h.upperQuantile(0.5), 50.0 * 0.09);
    }

    @Test
    void shouldForgetOldValuesAtTheHalfLife() {
        DecayingHistogram h = DecayingHistogram.ofHalfLife(100);
        for (int i = 0; i < 2_000; i++) {
            h.add(50.0);
        }
        for (int i = 0; i < 2_000; i++) {
            h.add(1.0);
        }
        // 2000 points later the old values weigh 2^-20 of the new: gone from every quantile.
        assertEquals(1.0, h.upperQuantile(0.999), 0.13); // within the bin [1, 1.125)
    }

    @Test
    void shouldClampOutOfRangeValuesAndClear() {
        DecayingHistogram h = DecayingHistogram.ofHalfLife(10);
        h.add(1e9);
        assertEquals(DecayingHistogram.maxValue(), h.upperQuantile(1.0), DecayingHistogram.maxValue() * 0.1);
        h.clear();
        assertEquals(0, h.count());
        assertEquals(0.0, h.upperQuantile(0.5), 0.0);
    }

    @Test
    void shouldRejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> DecayingHistogram.ofHalfLife(0.5));
        assertThrows(IllegalArgumentException.class, () -> DecayingHistogram.ofHalfLife(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DecayingHistogram.ofHalfLife(10).upperQuantile(-0.1));
    }
}
