package io.crowdpulse.anomaly.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    @Test
    void shouldScoreOneHalfAtTheThresholdAndRiseMonotonically() {
        Calibrator c = new Calibrator(2000, 3.0, 5e-5);
        Random r = new Random(1);
        for (int i = 0; i < 3_000; i++) {
            c.learn(Math.abs(r.nextGaussian()), true, false);
        }
        assertEquals(0.5, c.score(c.threshold()), 1e-9);
        assertEquals(0.0, c.score(c.reference()), 0.0);
        double previous = 0;
        for (double s = c.reference(); s < 5 * c.threshold(); s += 0.1) {
            double score = c.score(s);
            assertTrue(score >= previous && score <= 1.0);
            previous = score;
        }
        assertTrue(c.score(2 * c.threshold()) > 0.95);
    }

    @Test
    void shouldRaiseItsThresholdForAHeavyTailedHistory() {
        Calibrator light = new Calibrator(2000, 1.0, 5e-5);
        Calibrator heavy = new Calibrator(2000, 1.0, 5e-5);
        Random r = new Random(2);
        for (int i = 0; i < 5_000; i++) {
            double u = r.nextDouble();
            light.learn(Math.abs(r.nextGaussian()), true, false);
            heavy.learn(Math.pow(1 - u, -1.0 / 3.0), true, false); // Pareto, tail index 3
        }
        assertTrue(light.kappa() > heavy.kappa(), light.kappa() + " vs " + heavy.kappa());
        assertTrue(heavy.threshold() > 2 * light.threshold(), heavy.threshold() + " vs " + light.threshold());
    }

    @Test
    void shouldNotLetAnEpisodeRaiseItsOwnThreshold() {
        Calibrator c = new Calibrator(2000, 1.0, 5e-5);
        Random r = new Random(3);
        for (int i = 0; i < 3_000; i++) {
            c.learn(Math.abs(r.nextGaussian()), true, false);
        }
        double before = c.threshold();
        for (int i = 0; i < 100; i++) {
            c.learn(50.0, false, false); // inside a reported episode
        }
        for (int i = 0; i < 200; i++) {
            c.learn(Math.abs(r.nextGaussian()), true, false);
        }
        assertEquals(before, c.threshold(), 0.05 * before);
    }
}
