package io.crowdpulse.optimizer.actions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crowdpulse.optimizer.actions.ChangeGate.Change;

class ChangeGateTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final ChangeGate gate = new ChangeGate(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAllowAFirstChange() {
        assertTrue(gate.check("s", "k", List.of(), Duration.ofMinutes(5), 6).allowed());
    }

    @Test
    void shouldRefuseWhileTheTargetHasAChangeInFlight() {
        List<Change> recent = List.of(new Change("s", "other", NOW.minusSeconds(3600 * 3), ActionState.APPLIED));
        ChangeGate.Decision d = gate.check("s", "k", recent, Duration.ZERO, 6);
        assertFalse(d.allowed());
        assertTrue(d.reason().contains("in flight"), d.reason());
        assertTrue(gate.check("t", "k", recent, Duration.ZERO, 6).allowed(), "other targets are free");
    }

    @Test
    void shouldRefuseTheSameKnobWithinItsCooldownOnly() {
        List<Change> recent = List.of(new Change("s", "k", NOW.minusSeconds(120), ActionState.VERIFIED));
        assertFalse(gate.check("s", "k", recent, Duration.ofMinutes(5), 6).allowed());
        assertTrue(gate.check("s", "k", recent, Duration.ofMinutes(1), 6).allowed(), "cooldown over");
        assertTrue(gate.check("s", "other", recent, Duration.ofMinutes(5), 6).allowed(), "another knob");
        List<Change> failed = List.of(new Change("s", "k", NOW.minusSeconds(10), ActionState.FAILED));
        assertFalse(gate.check("s", "k", failed, Duration.ofMinutes(5), 6).allowed(), "a failed change also cools down");
    }

    @Test
    void shouldSpendTheHourlyBudgetOverEveryTargetButNotOnFailedOrOlderChanges() {
        List<Change> recent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recent.add(new Change("t" + i, "k", NOW.minusSeconds(600 + i), ActionState.VERIFIED));
        }
        recent.add(new Change("t9", "k", NOW.minusSeconds(60), ActionState.FAILED));
        recent.add(new Change("t8", "k", NOW.minusSeconds(3700), ActionState.ROLLED_BACK));
        assertTrue(gate.check("s", "k", recent, Duration.ZERO, 4).allowed());
        ChangeGate.Decision spent = gate.check("s", "k", recent, Duration.ZERO, 3);
        assertFalse(spent.allowed());
        assertTrue(spent.reason().contains("budget"), spent.reason());
        assertFalse(gate.check("s", "k", List.of(), Duration.ZERO, 0).allowed(), "a budget of 0 stops automatic changes");
    }
}
