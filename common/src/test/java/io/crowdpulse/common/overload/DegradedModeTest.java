package io.crowdpulse.common.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.overload.degraded.DegradedModeMachine;
import io.crowdpulse.common.overload.degraded.Pressure;

class DegradedModeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DegradedModeMachine machine = DegradedModeMachine.newBuilder().clock(clock)
            .enterAfter(Duration.ofSeconds(10)).exitAfter(Duration.ofSeconds(30)).build();

    private boolean at(int second, boolean overloaded) {
        now = T0.plusSeconds(second);
        return machine.observe(overloaded);
    }

    @Test
    void shouldEnterOnlyAfterSustainedOverload() {
        for (int s = 0; s < 10; s++) {
            assertFalse(at(s, true), "second " + s);
        }
        assertTrue(at(10, true));
        assertEquals(T0.plusSeconds(10), machine.since());
    }

    @Test
    void shouldStartCountingAgainAfterACalmTick() {
        for (int s = 0; s < 9; s++) {
            at(s, true);
        }
        assertFalse(at(9, false));
        for (int s = 10; s < 20; s++) {
            assertFalse(at(s, true), "second " + s);
        }
        assertTrue(at(20, true));
    }

    @Test
    void shouldLeaveByItselfAfterSustainedCalmWithHysteresis() {
        at(0, true);
        assertTrue(at(10, true));
        // Calm, but one overloaded tick resets the calm period.
        assertTrue(at(20, false));
        assertTrue(at(45, true));
        assertTrue(at(46, false));
        assertTrue(at(75, false));
        assertFalse(at(76, false));
        assertEquals(T0.plusSeconds(76), machine.since());
    }

    @Test
    void shouldApplyChangedThresholds() {
        machine.setEnterAfter(Duration.ZERO);
        assertTrue(at(0, true));
        machine.setExitAfter(Duration.ofSeconds(1));
        assertTrue(at(1, false));
        assertFalse(at(2, false));
        assertThrows(IllegalArgumentException.class, () -> machine.setExitAfter(Duration.ofSeconds(-1)));
    }

    @Test
    void shouldCallATickOverloadedWhenEnoughIsShedOrTheLimiterIsNearlyFull() {
        Pressure pressure = new Pressure(0.05, 0.95);
        assertFalse(pressure.overloaded(0, 1000, 10, 100));
        assertFalse(pressure.overloaded(4, 96, 10, 100));
        assertTrue(pressure.overloaded(5, 95, 10, 100));
        assertTrue(pressure.overloaded(0, 10, 95, 100));
        assertFalse(pressure.overloaded(0, 10, 94, 100));
        assertTrue(new Pressure(0, 2).overloaded(1, 1_000_000, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Pressure(1.5, 1));
    }
}
