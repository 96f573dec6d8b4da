package io.crowdpulse.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreTest {

    @Test
    void shouldMapScoresToSeverities() {
        assertEquals(Severity.NONE, Severity.of(0.0));
        assertEquals(Severity.NONE, Severity.of(0.4999));
        assertEquals(Severity.INFO, Severity.of(0.5));
        assertEquals(Severity.WARNING, Severity.of(0.75));
        assertEquals(Severity.CRITICAL, Severity.of(0.9));
        assertEquals(Severity.CRITICAL, Severity.of(1.0));
        assertEquals("warning", Severity.WARNING.label());
    }

    @Test
    void shouldDeriveSeverityAndAnomalyFromTheScore() {
        Score s = Score.of(0.95, 0.8, 25.0, "combined");
        assertEquals(Severity.CRITICAL, s.severity());
        assertTrue(s.isAnomaly());
        assertFalse(Score.of(0.1, 0.8, 25.0, "combined").isAnomaly());
    }

    @Test
    void shouldRejectValuesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Score.of(1.1, 0.5, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> Score.of(Double.NaN, 0.5, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> Score.of(0.5, -0.1, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Score(0.5, null, 0.5, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> Score.of(0.5, 0.5, 0, null));
    }
}
