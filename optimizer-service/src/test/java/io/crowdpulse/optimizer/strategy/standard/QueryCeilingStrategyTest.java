package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

class QueryCeilingStrategyTest {

    private final QueryCeilingStrategy strategy = QueryCeilingStrategy.newBuilder().build();

    /** The figures of bench/overload.sh's default row: 27 queries in flight on 2 cores, 98 % CPU, 75 % shed. */
    private static TestFigures overloaded(long ceiling, double inflight, double cpu, double p99) {
        return TestFigures.of("session-service")
                .knob(KnobNames.LIMITER_QUERY_MAX_INFLIGHT, ceiling, 1, 100_000)
                .value(Metrics.LIMITER_QUERY_INFLIGHT, inflight)
                .value(Metrics.CPU_COUNT, 2)
                .value(Metrics.CPU, cpu)
                .value(Metrics.THROTTLED_RATE, 0.75)
                .value(Metrics.P99_MS, p99);
    }

    @Test
    void shouldHoldQueriesAtTheCoresPlusOneWhenTheyPileUpOnASaturatedMachine() {
        Proposal p = strategy.evaluate(overloaded(100_000, 27, 0.98, 840).build()).orElseThrow();
        assertEquals("query-ceiling", p.strategy());
        assertEquals(KnobNames.LIMITER_QUERY_MAX_INFLIGHT, p.knob());
        assertEquals(100_000, p.from());
        assertEquals(3, p.to());
        assertEquals(0.3, p.expectedImpact(), 1e-12, "0.5 × (840 − 250) / 840 = 0.35, at most 0.3");
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(67, p.priority());
        assertEquals("27 queries in flight on 2 cores, CPU 98%, p99 840 ms (target 250 ms), throttled 75%"
                + " → limiter.query-max-inflight 100000 → 3", p.rationale());
    }

    @Test
    void shouldLeaveQueriesAloneWhileTheyDoNotPileUpOrTheMachineKeepsUp() {
        assertTrue(strategy.evaluate(overloaded(100_000, 5, 0.98, 840).build()).isEmpty(), "5 < 2 × 3 in flight");
        assertTrue(strategy.evaluate(overloaded(100_000, 27, 0.8, 840).build()).isEmpty(), "CPU not saturated");
        assertTrue(strategy.evaluate(overloaded(100_000, 27, 0.98, 100).build()).isEmpty(), "p99 under target");
        assertTrue(strategy.evaluate(overloaded(3, 3, 0.98, 840).build()).isEmpty(), "already held");
        assertTrue(strategy.evaluate(overloaded(100_000, 27, 0.98, 840).value(Metrics.THROTTLED_RATE, 0.01).build())
                .isEmpty(), "not shedding");
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.LIMITER_QUERY_INFLIGHT, 27)
                .value(Metrics.CPU, 0.98).value(Metrics.THROTTLED_RATE, 0.75).build()).isEmpty(), "no knob");
    }

    @Test
    void shouldRaiseACeilingThatHoldsBackATargetWithHeadroom() {
        Proposal p = strategy.evaluate(overloaded(3, 3, 0.5, 40).build()).orElseThrow();
        assertEquals(3, p.from());
        assertEquals(6, p.to());
        assertEquals(0.3, p.expectedImpact(), 1e-12, "the throttled share, at most 0.3");
        assertEquals("3 queries in flight at the ceiling 3, CPU 50%, throttled 75% → limiter.query-max-inflight 3 → 6",
                p.rationale());
        assertTrue(strategy.evaluate(overloaded(3, 1, 0.5, 40).build()).isEmpty(), "the ceiling is not what holds it");
    }

    @Test
    void shouldRefuseNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> QueryCeilingStrategy.newBuilder().pileUpFactor(1));
        assertThrows(IllegalArgumentException.class, () -> QueryCeilingStrategy.newBuilder().cpuSaturated(1.5));
        assertThrows(IllegalArgumentException.class, () -> QueryCeilingStrategy.newBuilder().growFactor(0.5));
    }
}
