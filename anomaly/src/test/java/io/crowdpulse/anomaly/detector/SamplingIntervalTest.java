package io.crowdpulse.anomaly.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplingIntervalTest {

    @Test
    void shouldCountIntervalsAcrossAGap() {
        SamplingInterval s = new SamplingInterval();
        long t = 0;
        for (int i = 0; i < 40; i++) {
            assertEquals(1, s.advance(t));
            t += 5_000;
        }
        assertTrue(s.settled());
        assertEquals(5_000, s.millis());
        assertEquals(12, s.advance(t + 55_000)); // eleven points missing
        assertEquals(1, s.advance(t + 55_000)); // a repeated timestamp
        assertEquals(1, s.advance(t)); // and one going backwards
    }

    @Test
    void shouldIgnoreOccasionalGapsWhenLearningTheInterval() {
        SamplingInterval s = new SamplingInterval();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            t += i % 10 == 9 ? 3_600_000 : 60_000;
            s.advance(t);
        }
        assertEquals(60_000, s.millis());
    }
}
