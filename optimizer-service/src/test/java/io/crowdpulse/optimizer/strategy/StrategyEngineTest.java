package io.crowdpulse.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.TargetFigures;

class StrategyEngineTest {

    private static Strategy fixed(String name, int priority, Function<TargetFigures, Optional<Proposal>> rule) {
        return new Strategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Optional<Proposal> evaluate(TargetFigures figures) {
                return rule.apply(figures);
            }
        };
    }

    private static Strategy proposing(String name, int priority, String knob, double impact) {
        return fixed(name, priority, f -> Optional.of(new Proposal(name, f.target(), knob, 1, 2, impact, 0.5,
                Risk.LOW, priority, name)));
    }

    private static final TargetFigures ANY = TestFigures.of("t").build();

    @Test
    void shouldKeepTheStrategiesInPriorityOrder() {
        StrategyEngine engine = new StrategyEngine(List.of(proposing("low", 10, "a", 0.1),
                proposing("high", 90, "b", 0.1), proposing("mid", 50, "c", 0.1)));

        assertEquals(List.of("high", "mid", "low"), engine.strategies().stream().map(Strategy::name).toList());
    }

    @Test
    void shouldReturnProposalsMostUrgentFirst() {
        StrategyEngine engine = new StrategyEngine(List.of(proposing("low", 10, "a", 0.1),
                proposing("high", 90, "b", 0.1), proposing("mid-small", 50, "c", 0.1),
                proposing("mid-large", 50, "d", 0.3)));

        assertEquals(List.of("high", "mid-large", "mid-small", "low"),
                engine.evaluate(ANY).stream().map(Proposal::strategy).toList());
    }

    @Test
    void shouldKeepOnlyTheMostUrgentProposalPerKnob() {
        StrategyEngine engine = new StrategyEngine(List.of(proposing("second", 10, "same", 0.5),
                proposing("first", 90, "same", 0.1)));

        assertEquals(List.of("first"), engine.evaluate(ANY).stream().map(Proposal::strategy).toList());
    }

    @Test
    void shouldSkipStrategiesThatDoNotApplyOrFail() {
        StrategyEngine engine = new StrategyEngine(List.of(fixed("silent", 80, f -> Optional.empty()),
                fixed("broken", 70, f -> {
                    throw new IllegalStateException("boom");
                }), proposing("works", 10, "a", 0.1)));

        assertEquals(List.of("works"), engine.evaluate(ANY).stream().map(Proposal::strategy).toList());
    }

    @Test
    void shouldRejectTwoStrategiesOfOneName() {
        assertThrows(IllegalArgumentException.class,
                () -> new StrategyEngine(List.of(proposing("x", 1, "a", 0), proposing("x", 2, "b", 0))));
    }

    @Test
    void shouldProposeNothingForAHealthyTarget() {
        TargetFigures healthy = TestFigures.of("session-service").replicas(2)
                .value(Metrics.CPU, 0.45).value(Metrics.MEMORY, 0.5).value(Metrics.P99_MS, 40)
                .value(Metrics.P95_MS, 20).value(Metrics.ERROR_RATE, 0.001).value(Metrics.THROTTLED_RATE, 0)
                .value(Metrics.WORKERS_QUEUE, 2).value(Metrics.WORKERS_POOL, 0.4).value(Metrics.DB_POOL, 0.5)
                .value(Metrics.DB_POOL_WAITING, 0).value(Metrics.LIMITER_LIMIT, 120)
                .value(Metrics.LIMITER_INFLIGHT, 30).value(Metrics.CACHE_HIT_RATIO, 0.9)
                .value(Metrics.ACTIVE_SESSIONS, 1100).value(Metrics.CONCURRENT_USERS, 1000)
                .knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000).knob(KnobNames.WORKERS_POOL_SIZE, 8, 1, 64)
                .knob(KnobNames.DB_POOL_MAX_SIZE, 16, 1, 100).knob(KnobNames.LIMITER_MAX_LIMIT, 1000, 1, 10_000)
                .knob(KnobNames.LIMITER_MIN_LIMIT, 20, 1, 10_000).knob(KnobNames.RATE_LIMIT_RATE, 100, 1, 10_000)
                .knob(KnobNames.CACHE_TTL, 10, 1, 3600).knob(KnobNames.SESSIONS_CLEANUP_INTERVAL, 60, 1, 300)
                .build();

        assertEquals(List.of(), new StrategyEngine(Strategies.standard()).evaluate(healthy));
    }

    @Test
    void shouldOrderTheStandardStrategiesByPriority() {
        List<Strategy> standard = Strategies.standard();

        assertEquals(List.of("autoscaling", "rate-limiting", "connection-pool", "queue-size", "worker-pool",
                "query-ceiling", "limiter-bounds", "session-cleanup", "cache"), standard.stream().map(Strategy::name).toList());
        List<String> knobs = List.of(Proposal.REPLICAS, KnobNames.RATE_LIMIT_RATE, KnobNames.DB_POOL_MAX_SIZE,
                KnobNames.WORKERS_QUEUE_CAPACITY, KnobNames.WORKERS_POOL_SIZE,
                KnobNames.LIMITER_QUERY_MAX_INFLIGHT, KnobNames.LIMITER_MAX_LIMIT, KnobNames.SESSIONS_CLEANUP_INTERVAL, KnobNames.CACHE_TTL);
        for (int i = 0; i < standard.size(); i++) {
            String description = standard.get(i).description();
            assertTrue(description.startsWith("When "), description);
            assertTrue(description.contains(knobs.get(i)), description);
        }
    }

    @Test
    void shouldHoldTheStandardStrategiesToTheGivenLatencyTargetAndReplicaCeiling() {
        TargetFigures slow = TestFigures.of("t").replicas(2).knob(Proposal.REPLICAS, 2, 1, 10)
                .value(Metrics.CPU, 0.99).value(Metrics.P99_MS, 150).build();

        assertEquals(List.of(), new StrategyEngine(Strategies.standard()).evaluate(slow), "150 ms is within 250 ms");
        List<Proposal> strict = new StrategyEngine(Strategies.standard(100, 3)).evaluate(slow);
        assertEquals(1, strict.size());
        assertEquals(3, strict.get(0).to(), "2 × 0.99 / 0.6 = 3.3, at most 3");
    }

    @Test
    void shouldProposeTheStandardStrategiesMostUrgentFirstForAnOverloadedTarget() {
        TargetFigures overloaded = TestFigures.of("session-service").replicas(2).knob(Proposal.REPLICAS, 2, 1, 10)
                .value(Metrics.CPU, 0.9).value(Metrics.P99_MS, 600).value(Metrics.ERROR_RATE, 0.08)
                .value(Metrics.DB_POOL, 1.0).value(Metrics.DB_POOL_WAITING, 4)
                .knob(KnobNames.DB_POOL_MAX_SIZE, 8, 1, 100).knob(KnobNames.RATE_LIMIT_RATE, 100, 1, 10_000)
                .build();

        List<Proposal> proposals = new StrategyEngine(Strategies.standard()).evaluate(overloaded);

        assertEquals(List.of("autoscaling", "rate-limiting", "connection-pool"),
                proposals.stream().map(Proposal::strategy).toList());
        assertEquals(List.of(3.0, 75.0, 12.0), proposals.stream().map(Proposal::to).toList());
    }
}
