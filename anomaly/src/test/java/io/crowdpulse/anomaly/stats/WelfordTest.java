package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WelfordTest {

    @Test
    void shouldMatchTwoPassMomentsOfSkewedData() {
        Random r = new Random(3);
        double[] v = new double[5_000];
        Welford w = new Welford();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e6 + Math.exp(r.nextGaussian()); // large offset, right-skewed
            w.add(v[i]);
        }
        assertEquals(v.length, w.count());
        assertEquals(Exact.mean(v), w.mean(), 1e-9);
        assertEquals(Exact.sampleVariance(v), w.variance(), 1e-9 * Exact.sampleVariance(v));
        assertEquals(Exact.skewness(v), w.skewness(), 1e-6);
        assertEquals(Exact.kurtosis(v), w.kurtosis(), 1e-5);
        assertTrue(w.skewness() > 1.0, "lognormal data is right-skewed");
    }

    @Test
    void shouldGiveKnownValuesForASmallSample() {
        Welford w = new Welford();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            w.add(x);
        }
        assertEquals(5.0, w.mean(), 1e-12);
        assertEquals(4.0, w.populationVariance(), 1e-12);
        assertEquals(32.0 / 7.0, w.variance(), 1e-12);
        assertEquals(2.0, w.min(), 0.0);
        assertEquals(9.0, w.max(), 0.0);
        assertEquals(0.65625, w.skewness(), 1e-12); // m3 = 5.25, m2^1.5 = 8
        assertEquals(-0.21875, w.kurtosis(), 1e-12); // m4 = 44.5, m2² = 16
    }

    @Test
    void shouldReportZeroShapeForConstantData() {
        Welford w = new Welford();
        for (int i = 0; i < 10; i++) {
            w.add(3.25);
        }
        assertEquals(0.0, w.variance(), 0.0);
        assertEquals(0.0, w.skewness(), 0.0);
        assertEquals(0.0, w.kurtosis(), 0.0);
        assertTrue(Double.isNaN(new Welford().mean()));
    }
}
