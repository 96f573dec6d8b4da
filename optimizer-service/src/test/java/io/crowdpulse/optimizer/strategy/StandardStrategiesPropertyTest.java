package io.crowdpulse.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;

/** Every standard strategy, on thousands of random figures: whatever it proposes is a valid change. */
class StandardStrategiesPropertyTest {

    private static final List<String> FRACTIONS = List.of(Metrics.CPU, Metrics.MEMORY, Metrics.ERROR_RATE,
            Metrics.THROTTLED_RATE, Metrics.WORKERS_POOL, Metrics.DB_POOL, Metrics.CACHE_HIT_RATIO,
            "pool.redis.usage");
    private static final List<String> AMOUNTS = List.of(Metrics.P95_MS, Metrics.P99_MS, Metrics.RPS,
            Metrics.WORKERS_QUEUE, Metrics.DB_POOL_WAITING, Metrics.LIMITER_LIMIT, Metrics.LIMITER_INFLIGHT,
            Metrics.LIMITER_QUERY_INFLIGHT, Metrics.CPU_COUNT, Metrics.ACTIVE_SESSIONS, Metrics.CONCURRENT_USERS);
    private static final List<String> KNOBS = List.of(KnobNames.WORKERS_QUEUE_CAPACITY, KnobNames.WORKERS_POOL_SIZE,
            KnobNames.SESSIONS_CLEANUP_INTERVAL, KnobNames.RATE_LIMIT_RATE, KnobNames.CACHE_TTL,
            KnobNames.DB_POOL_MAX_SIZE, KnobNames.LIMITER_MAX_LIMIT, KnobNames.LIMITER_MIN_LIMIT,
            KnobNames.LIMITER_QUERY_MAX_INFLIGHT);

    @Test
    void shouldOnlyEverProposeAWholeChangeInsideTheKnobsBounds() {
        Random random = new Random(42);
        StrategyEngine engine = new StrategyEngine(Strategies.standard());
        Map<String, Integer> applied = new HashMap<>();

        for (int i = 0; i < 5_000; i++) {
            TargetFigures figures = randomFigures(random);
            for (Strategy strategy : engine.strategies()) {
                Optional<Proposal> proposal = strategy.evaluate(figures);
                if (proposal.isEmpty()) {
                    continue;
                }
                Proposal p = proposal.get();
                applied.merge(strategy.name(), 1, Integer::sum);
                Supplier<String> where = () -> strategy.name() + " on " + figures;
                assertEquals(strategy.name(), p.strategy(), where);
                assertEquals(figures.target(), p.target(), where);
                assertNotEquals(p.from(), p.to(), where);
                assertTrue(Double.isFinite(p.to()) && Double.isFinite(p.expectedImpact()), where);
                assertTrue(p.confidence() >= 0 && p.confidence() <= 1, where);
                assertFalse(p.rationale().isBlank(), where);
                assertTrue(p.rationale().contains("→"), where);
                KnobView knob = figures.knobs().get(p.knob());
                assertEquals(knob.value().doubleValue(), p.from(), where);
                assertTrue(p.to() >= knob.min().doubleValue() && p.to() <= knob.max().doubleValue(), where);
                if (p.knob().equals(Proposal.REPLICAS)) {
                    assertTrue(p.to() <= Strategies.DEFAULT_MAX_REPLICAS, where);
                }
                if (knob.value() instanceof Long) {
                    assertEquals(Math.rint(p.to()), p.to(), where);
                }
            }
            List<Proposal> all = engine.evaluate(figures);
            assertEquals(all.stream().map(Proposal::knob).distinct().count(), all.size(), "one proposal per knob");
        }

        for (Strategy strategy : engine.strategies()) {
            assertTrue(applied.getOrDefault(strategy.name(), 0) > 20,
                    () -> strategy.name() + " applied only " + applied.get(strategy.name()) + " times: " + applied);
        }
    }

    private static TargetFigures randomFigures(Random random) {
        int replicas = 1 + random.nextInt(12);
        TestFigures figures = TestFigures.of("t" + random.nextInt(3)).replicas(replicas);
        if (random.nextDouble() < 0.85) {
            figures.knob(Proposal.REPLICAS, replicas, 1, 1 + random.nextInt(15));
        }
        for (String metric : FRACTIONS) {
            if (random.nextDouble() < 0.85) {
                figures.series(series(random, metric, random.nextDouble()));
            }
        }
        for (String metric : AMOUNTS) {
            if (random.nextDouble() < 0.85) {
                figures.series(series(random, metric, Math.pow(10, random.nextDouble() * 4) - 1));
            }
        }
        for (String knob : KNOBS) {
            if (random.nextDouble() < 0.85) {
                long min = random.nextInt(5);
                long max = min + random.nextInt(2000);
                long value = min + (long) (random.nextDouble() * (max - min + 1));
                if (knob.equals(KnobNames.CACHE_TTL) && random.nextBoolean()) {
                    double fmin = random.nextDouble();
                    double fmax = fmin + random.nextDouble() * 100;
                    figures.knob(knob, fmin + random.nextDouble() * (fmax - fmin), fmin, fmax);
                } else {
                    figures.knob(knob, Math.min(value, max), min, max);
                }
            }
        }
        return figures.build();
    }

    private static SeriesFigures series(Random random, String metric, double value) {
        double slope = random.nextGaussian() * value / 10;
        double peak = value * (1 + random.nextDouble());
        return new SeriesFigures(metric, value * (0.5 + random.nextDouble()), value, value / 2, peak, peak, slope,
                1 + random.nextInt(60));
    }
}
