package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

class SessionCleanupStrategyTest {

    private final SessionCleanupStrategy strategy = SessionCleanupStrategy.newBuilder().build();

    private static TestFigures sessions(long interval, double memory, double active, double users) {
        return TestFigures.of("session-service")
                .knob(KnobNames.SESSIONS_CLEANUP_INTERVAL, interval, 1, 300)
                .value(Metrics.MEMORY, memory)
                .value(Metrics.ACTIVE_SESSIONS, active)
                .value(Metrics.CONCURRENT_USERS, users);
    }

    @Test
    void shouldSweepTwiceAsOftenWhenLingeringSessionsFillMemory() {
        Proposal p = strategy.evaluate(sessions(60, 0.9, 40_000, 10_000).build()).orElseThrow();

        assertEquals("session-cleanup", p.strategy());
        assertEquals(KnobNames.SESSIONS_CLEANUP_INTERVAL, p.knob());
        assertEquals(60, p.from());
        assertEquals(30, p.to());
        assertEquals(0.15, p.expectedImpact(), 1e-12, "0.2 × 75 % lingering");
        assertEquals(Risk.LOW, p.risk());
        assertEquals(60, p.priority());
        assertEquals("memory 90% with 40000 active sessions for 10000 concurrent users (75% lingering)"
                + " → sessions.cleanup-interval 60 → 30", p.rationale());
    }

    @Test
    void shouldNotApplyWithoutMemoryPressureOrLingeringSessions() {
        assertTrue(strategy.evaluate(sessions(60, 0.5, 40_000, 10_000).build()).isEmpty(), "memory fine");
        assertTrue(strategy.evaluate(sessions(60, 0.9, 11_000, 10_000).build()).isEmpty(), "sessions match users");
        assertTrue(strategy.evaluate(sessions(60, 0.9, 50, 0).build()).isEmpty(), "too few sessions to matter");
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.MEMORY, 0.9)
                .value(Metrics.ACTIVE_SESSIONS, 40_000).value(Metrics.CONCURRENT_USERS, 10_000).build()).isEmpty());
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.SESSIONS_CLEANUP_INTERVAL, 60, 1, 300)
                .value(Metrics.MEMORY, 0.9).value(Metrics.ACTIVE_SESSIONS, 40_000).build()).isEmpty());
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.SESSIONS_CLEANUP_INTERVAL, 60, 1, 300)
                .value(Metrics.ACTIVE_SESSIONS, 40_000).value(Metrics.CONCURRENT_USERS, 10_000).build()).isEmpty());
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(1, strategy.evaluate(sessions(3, 0.9, 40_000, 10_000).build()).orElseThrow().to(), "1.5 → 1");
        assertTrue(strategy.evaluate(sessions(1, 0.9, 40_000, 10_000).build()).isEmpty(), "at its minimum");
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> SessionCleanupStrategy.newBuilder().lingerRatio(0.5));
        assertThrows(IllegalArgumentException.class, () -> SessionCleanupStrategy.newBuilder().memoryPressure(2));
        assertThrows(IllegalArgumentException.class, () -> SessionCleanupStrategy.newBuilder().shrinkFactor(1.5));
    }
}
