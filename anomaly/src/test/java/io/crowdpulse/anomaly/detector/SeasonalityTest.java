package io.crowdpulse.anomaly.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityTest {

    private static final long T0 = 1_704_067_200_000L;

    @Test
    void shouldFindADailyCycleInFiveMinuteDataAfterThreeDays() {
        Seasonality s = new Seasonality();
        Random r = new Random(1);
        long interval = 300_000L;
        for (int i = 0; i < 288 * 5; i++) {
            long t = T0 + i * interval;
            double day = 2 * Math.PI * (i % 288) / 288.0;
            s.learn(t, 100 + 30 * Math.sin(day) + 3 * r.nextGaussian(), interval);
            if (i < 288 * 3 - 1) {
                assertFalse(s.isActive(), "active after " + i + " points");
            }
        }
        assertTrue(s.isActive());
        assertEquals(Seasonality.DAY, s.periodMillis());
        // The offset it removes follows the cycle (centred on the level).
        assertEquals(30.0, s.offset(T0 + 72 * interval), 3.0);
        assertEquals(-30.0, s.offset(T0 + 216 * interval), 3.0);
    }

    @Test
    void shouldFindAnHourlyCycleInMinuteData() {
        Seasonality s = new Seasonality();
        Random r = new Random(2);
        for (int i = 0; i < 60 * 8; i++) {
            double phase = 2 * Math.PI * (i % 60) / 60.0;
            s.learn(T0 + i * 60_000L, 10 + 4 * Math.cos(phase) + r.nextGaussian(), 60_000L);
        }
        assertTrue(s.isActive());
        assertEquals(Seasonality.HOUR, s.periodMillis());
    }

    @Test
    void shouldNotMistakeAutocorrelatedNoiseOrALevelShiftForACycle() {
        Seasonality s = new Seasonality();
        Random r = new Random(3);
        double ar = 0;
        for (int i = 0; i < 10_000; i++) {
            ar = 0.9 * ar + r.nextGaussian();
            double shift = i > 4_000 && i < 4_600 ? 20 : 0;
            s.learn(T0 + i * 60_000L, 50 + ar + shift, 60_000L);
            assertFalse(s.isActive(), "active after " + i + " points");
        }
    }

    @Test
    void shouldStayOffUntilTheIntervalIsKnown() {
        Seasonality s = new Seasonality();
        assertFalse(s.learn(T0, 1.0, 0L));
        assertEquals(0.0, s.offset(T0), 0.0);
    }
}
