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

class LimiterBoundsStrategyTest {

    private final LimiterBoundsStrategy strategy = LimiterBoundsStrategy.newBuilder().build();

    private static TestFigures limiter(long ceiling, long max, double limit, double inflight, double cpu, double p99) {
        return TestFigures.of("session-service")
                .knob(KnobNames.LIMITER_MAX_LIMIT, ceiling, 1, max)
                .knob(KnobNames.LIMITER_MIN_LIMIT, 20, 1, max)
                .value(Metrics.LIMITER_LIMIT, limit)
                .value(Metrics.LIMITER_INFLIGHT, inflight)
                .value(Metrics.CPU, cpu)
                .value(Metrics.P99_MS, p99);
    }

    @Test
    void shouldRaiseTheCeilingOfAPinnedLimiterWithHeadroom() {
        Proposal p = strategy.evaluate(limiter(200, 1000, 200, 190, 0.4, 30)
                .value(Metrics.THROTTLED_RATE, 0.1).build()).orElseThrow();

        assertEquals("limiter-bounds", p.strategy());
        assertEquals(KnobNames.LIMITER_MAX_LIMIT, p.knob());
        assertEquals(200, p.from());
        assertEquals(300, p.to());
        assertEquals(0.1, p.expectedImpact(), 1e-12);
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(65, p.priority());
        assertEquals("limit 200 pinned at the ceiling 200 with 190 in flight, CPU 40%, p99 30 ms, throttled 10%"
                + " → limiter.max-limit 200 → 300", p.rationale());

        assertEquals(0.05, strategy.evaluate(limiter(200, 1000, 200, 190, 0.4, 30).build()).orElseThrow()
                .expectedImpact(), 1e-12, "no throttled share reported");
    }

    @Test
    void shouldLowerTheCeilingWhenLatencyIsHighAtIt() {
        Proposal p = strategy.evaluate(limiter(200, 1000, 198, 198, 0.9, 500).build()).orElseThrow();
        assertEquals(150, p.to());
        assertEquals(0.25, p.expectedImpact(), 1e-12, "0.5 × (500 − 250) / 500");
    }

    @Test
    void shouldNeverLowerTheCeilingBelowTheFloor() {
        assertEquals(20, strategy.evaluate(limiter(25, 1000, 25, 25, 0.9, 500).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(limiter(20, 1000, 20, 20, 0.9, 500).build()).isEmpty(), "ceiling at the floor");
    }

    @Test
    void shouldNotApplyWhenTheLimitIsBelowTheCeiling() {
        assertTrue(strategy.evaluate(limiter(200, 1000, 120, 119, 0.4, 30).build()).isEmpty());
        assertTrue(strategy.evaluate(limiter(200, 1000, 120, 119, 0.9, 500).build()).isEmpty());
    }

    @Test
    void shouldNotRaiseWithoutHeadroomOrDemand() {
        assertTrue(strategy.evaluate(limiter(200, 1000, 200, 190, 0.9, 30).build()).isEmpty(), "CPU busy");
        assertTrue(strategy.evaluate(limiter(200, 1000, 200, 190, 0.4, 200).build()).isEmpty(), "p99 not low");
        assertTrue(strategy.evaluate(limiter(200, 1000, 200, 40, 0.4, 30).build()).isEmpty(), "limit unused");
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.LIMITER_LIMIT, 200)
                .value(Metrics.P99_MS, 500).build()).isEmpty(), "no knob");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.LIMITER_MAX_LIMIT, 200, 1, 1000)
                .value(Metrics.P99_MS, 500).build()).isEmpty(), "no limit");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.LIMITER_MAX_LIMIT, 200, 1, 1000)
                .value(Metrics.LIMITER_LIMIT, 200).value(Metrics.P99_MS, 30).build()).isEmpty(), "no CPU, in-flight");
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(250, strategy.evaluate(limiter(200, 250, 200, 190, 0.4, 30).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(limiter(250, 250, 250, 240, 0.4, 30).build()).isEmpty(), "at its maximum");
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> LimiterBoundsStrategy.newBuilder().pinnedShare(1.2));
        assertThrows(IllegalArgumentException.class, () -> LimiterBoundsStrategy.newBuilder().growFactor(1));
        assertThrows(IllegalArgumentException.class, () -> LimiterBoundsStrategy.newBuilder().shrinkFactor(-1));
    }
}
