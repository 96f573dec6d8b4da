package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EwmaTest {

    @Test
    void shouldBeAPlainAverageUntilOneOverAlphaValues() {
        Ewma e = Ewma.ofAlpha(0.25);
        e.add(2);
        e.add(4);
        e.add(6);
        assertEquals(4.0, e.mean(), 1e-12);
        assertEquals(8.0 / 3.0, e.variance(), 1e-12); // population variance of 2, 4, 6
    }

    @Test
    void shouldFollowTheExponentialRecursionAfterwards() {
        Ewma e = Ewma.ofAlpha(0.5);
        e.add(0);
        e.add(0); // count 2: weight 1/2 = alpha from here on
        e.add(8);
        assertEquals(4.0, e.mean(), 1e-12);
        assertEquals(16.0, e.variance(), 1e-12); // (1 − a)(0 + a·8²)
        e.add(4);
        assertEquals(4.0, e.mean(), 1e-12);
        assertEquals(8.0, e.variance(), 1e-12);
    }

    @Test
    void shouldConvertHalfLifeToAlpha() {
        assertEquals(0.5, Ewma.ofHalfLife(1).alpha(), 1e-12);
        assertEquals(1 - Math.pow(0.5, 0.1), Ewma.ofHalfLife(10).alpha(), 1e-12);
    }

    @Test
    void shouldRejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Ewma.ofAlpha(0));
        assertThrows(IllegalArgumentException.class, () -> Ewma.ofAlpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> Ewma.ofAlpha(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Ewma.ofHalfLife(0.5));
        assertThrows(IllegalArgumentException.class, () -> Ewma.ofHalfLife(Double.POSITIVE_INFINITY));
    }
}
