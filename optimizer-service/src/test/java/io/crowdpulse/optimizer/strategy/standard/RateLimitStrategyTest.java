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

class RateLimitStrategyTest {

    private final RateLimitStrategy strategy = RateLimitStrategy.newBuilder().build();

    private static TestFigures traffic(long rate, long max, double cpu, double errors, double throttled, double p99) {
        return TestFigures.of("session-service")
                .knob(KnobNames.RATE_LIMIT_RATE, rate, 1, max)
                .value(Metrics.CPU, cpu)
                .value(Metrics.ERROR_RATE, errors)
                .value(Metrics.THROTTLED_RATE, throttled)
                .value(Metrics.P99_MS, p99);
    }

    @Test
    void shouldAdmitTheThrottledDemandWhenCpuHasHeadroom() {
        Proposal p = strategy.evaluate(traffic(100, 10_000, 0.3, 0.001, 0.2, 40).build()).orElseThrow();

        assertEquals("rate-limiting", p.strategy());
        assertEquals(KnobNames.RATE_LIMIT_RATE, p.knob());
        assertEquals(100, p.from());
        assertEquals(125, p.to(), "100 / (1 − 0.2)");
        assertEquals(0.2, p.expectedImpact(), 1e-12);
        assertEquals(0.5, p.confidence(), 1e-12);
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(85, p.priority());
        assertEquals("20% of requests throttled while CPU is 30% (errors 0%) → ratelimit.per-client-rate 100 → 125",
                p.rationale());
    }

    @Test
    void shouldRaiseAtMostTwofold() {
        Proposal p = strategy.evaluate(traffic(100, 10_000, 0.3, 0, 0.6, 40).build()).orElseThrow();
        assertEquals(200, p.to());
        assertEquals(0.3, p.expectedImpact(), 1e-12);
    }

    @Test
    void shouldLowerTheRateWhenErrorsRiseUnderLoad() {
        Proposal p = strategy.evaluate(traffic(100, 10_000, 0.9, 0.1, 0, 40).build()).orElseThrow();
        assertEquals(75, p.to());
        assertEquals(0.1, p.expectedImpact(), 1e-12);
        assertEquals("error rate 10% under load (CPU 90%, p99 40 ms) → ratelimit.per-client-rate 100 → 75",
                p.rationale());

        assertEquals(75, strategy.evaluate(traffic(100, 10_000, 0.3, 0.1, 0, 400).build()).orElseThrow().to(),
                "high latency is load too");
    }

    @Test
    void shouldNotApplyToHealthyFigures() {
        assertTrue(strategy.evaluate(traffic(100, 10_000, 0.3, 0.001, 0.01, 40).build()).isEmpty());
    }

    @Test
    void shouldNotRaiseWithoutCpuHeadroomOrWithErrors() {
        assertTrue(strategy.evaluate(traffic(100, 10_000, 0.8, 0, 0.2, 40).build()).isEmpty(), "no headroom");
        assertTrue(strategy.evaluate(traffic(100, 10_000, 0.3, 0.1, 0.2, 40).build()).isEmpty(),
                "errors without load: neither");
    }

    @Test
    void shouldLeaveTheLimitersSheddingToTheLimiter() {
        assertTrue(strategy.evaluate(traffic(100, 10_000, 0.3, 0, 0.2, 40)
                .value(Metrics.LIMITER_LIMIT, 100).value(Metrics.LIMITER_INFLIGHT, 95).build()).isEmpty());
        assertTrue(strategy.evaluate(traffic(100, 10_000, 0.3, 0, 0.2, 40)
                .value(Metrics.LIMITER_LIMIT, 100).value(Metrics.LIMITER_INFLIGHT, 20).build()).isPresent());
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.CPU, 0.3).value(Metrics.THROTTLED_RATE, 0.2)
                .build()).isEmpty(), "no knob");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.RATE_LIMIT_RATE, 100, 1, 10_000)
                .value(Metrics.THROTTLED_RATE, 0.2).build()).isEmpty(), "no CPU");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.RATE_LIMIT_RATE, 100, 1, 10_000)
                .value(Metrics.CPU, 0.3).build()).isEmpty(), "no throttled share, no errors");
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(110, strategy.evaluate(traffic(100, 110, 0.3, 0, 0.2, 40).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(traffic(110, 110, 0.3, 0, 0.2, 40).build()).isEmpty(), "at its maximum");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.RATE_LIMIT_RATE, 1, 1, 110)
                .value(Metrics.CPU, 0.9).value(Metrics.ERROR_RATE, 0.1).build()).isEmpty(), "at its minimum");
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> RateLimitStrategy.newBuilder().highErrorRate(1.1));
        assertThrows(IllegalArgumentException.class, () -> RateLimitStrategy.newBuilder().maxGrowth(1.1));
        assertThrows(IllegalArgumentException.class, () -> RateLimitStrategy.newBuilder().p99TargetMs(0));
    }
}
