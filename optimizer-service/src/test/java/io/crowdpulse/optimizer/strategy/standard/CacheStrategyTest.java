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

class CacheStrategyTest {

    private final CacheStrategy strategy = CacheStrategy.newBuilder().build();

    private static TestFigures cache(long ttl, long max, double hit, double p95, double memory) {
        return TestFigures.of("report-service")
                .knob(KnobNames.CACHE_TTL, ttl, 1, max)
                .value(Metrics.CACHE_HIT_RATIO, hit)
                .value(Metrics.P95_MS, p95)
                .value(Metrics.MEMORY, memory);
    }

    @Test
    void shouldKeepAnswersLongerWhenMissesCostLatency() {
        Proposal p = strategy.evaluate(cache(10, 3600, 0.5, 400, 0.5).build()).orElseThrow();

        assertEquals("cache", p.strategy());
        assertEquals(KnobNames.CACHE_TTL, p.knob());
        assertEquals(10, p.from());
        assertEquals(20, p.to());
        assertEquals(0.25, p.expectedImpact(), 1e-12, "(1 − 0.5) × (400 − 200) / 400");
        assertEquals(Risk.LOW, p.risk());
        assertEquals(50, p.priority());
        assertEquals("cache hit ratio 50% with p95 400 ms (target 200 ms) → cache.ttl 10 → 20", p.rationale());
    }

    @Test
    void shouldShortenTheTtlOfAWellHittingCacheUnderMemoryPressure() {
        Proposal p = strategy.evaluate(cache(10, 3600, 0.98, 50, 0.95).build()).orElseThrow();
        assertEquals(5, p.to());
        assertEquals(0.02, p.expectedImpact(), 1e-12);
        assertEquals(25, p.priority(), "giving back resources is never urgent");
    }

    @Test
    void shouldNotApplyToHealthyFigures() {
        assertTrue(strategy.evaluate(cache(10, 3600, 0.9, 400, 0.5).build()).isEmpty(), "hits well");
        assertTrue(strategy.evaluate(cache(10, 3600, 0.5, 50, 0.5).build()).isEmpty(), "fast anyway");
        assertTrue(strategy.evaluate(cache(10, 3600, 0.98, 50, 0.5).build()).isEmpty(), "memory fine");
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.CACHE_HIT_RATIO, 0.5).value(Metrics.P95_MS, 400)
                .build()).isEmpty(), "no knob");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.CACHE_TTL, 10, 1, 3600)
                .value(Metrics.P95_MS, 400).build()).isEmpty(), "no hit ratio");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.CACHE_TTL, 10, 1, 3600)
                .value(Metrics.CACHE_HIT_RATIO, 0.5).build()).isEmpty(), "no latency");
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(15, strategy.evaluate(cache(10, 15, 0.5, 400, 0.5).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(cache(15, 15, 0.5, 400, 0.5).build()).isEmpty(), "at its maximum");
    }

    @Test
    void shouldWorkWithAFractionalTtl() {
        Proposal p = strategy.evaluate(TestFigures.of("t").knob(KnobNames.CACHE_TTL, 1.5, 0.1, 60.0)
                .value(Metrics.CACHE_HIT_RATIO, 0.5).value(Metrics.P95_MS, 400).build()).orElseThrow();
        assertEquals(3.0, p.to(), 1e-12);
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> CacheStrategy.newBuilder().lowHitRatio(-0.1));
        assertThrows(IllegalArgumentException.class, () -> CacheStrategy.newBuilder().growFactor(0.9));
        assertThrows(IllegalArgumentException.class, () -> CacheStrategy.newBuilder().p95TargetMs(-5));
    }
}
