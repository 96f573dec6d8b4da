package io.crowdpulse.optimizer.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;

class BottleneckAnalyzerTest {

    private final BottleneckAnalyzer analyzer = BottleneckAnalyzer.standard();

    private static TestFigures healthy() {
        return TestFigures.of("session-service")
                .value(Metrics.CPU, 0.4).value(Metrics.MEMORY, 0.6).value(Metrics.P99_MS, 40)
                .value(Metrics.DB_POOL, 0.3).value(Metrics.DB_POOL_WAITING, 0)
                .value(Metrics.WORKERS_QUEUE, 3).knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000)
                .value(Metrics.LIMITER_LIMIT, 100).value(Metrics.LIMITER_INFLIGHT, 20)
                .value(Metrics.THROTTLED_RATE, 0);
    }

    private static Bottleneck only(List<Bottleneck> found) {
        assertEquals(1, found.size(), () -> found.toString());
        return found.get(0);
    }

    @Test
    void shouldFindNothingInAHealthyTarget() {
        assertEquals(List.of(), analyzer.analyze(healthy().build()));
        assertEquals(List.of(), analyzer.analyze(TestFigures.of("silent").build()));
    }

    @Test
    void shouldNameSaturatedCpu() {
        Bottleneck b = only(analyzer.analyze(healthy().value(Metrics.CPU, 0.9).build()));

        assertEquals("session-service", b.target());
        assertEquals(Resource.CPU, b.resource());
        assertEquals(0.8, b.severity(), 1e-9, "(0.9 − 0.7) / (0.95 − 0.7)");
        assertEquals(Bottleneck.CRITICAL, b.level());
        assertEquals("CPU at 90% (onset 70%), p99 40 ms", b.evidence());
        assertEquals(Map.of(Metrics.CPU, 0.9, Metrics.P99_MS, 40.0), b.figures());
    }

    @Test
    void shouldNameMemoryPressure() {
        Bottleneck b = only(analyzer.analyze(healthy().value(Metrics.MEMORY, 0.875).build()));
        assertEquals(Resource.MEMORY, b.resource());
        assertEquals(0.5, b.severity(), 1e-9);
        assertEquals(Bottleneck.WARNING, b.level());
    }

    @Test
    void shouldNameAnExhaustedDatabasePoolByItsUsageOrItsWaiters() {
        Bottleneck b = only(analyzer.analyze(healthy().value(Metrics.DB_POOL, 0.9).value(Metrics.DB_POOL_WAITING, 4)
                .build()));
        assertEquals(Resource.DATABASE_POOL, b.resource());
        assertEquals(0.8, b.severity(), 1e-9, "4 of 5 waiting outweighs usage 0.9");
        assertEquals(Map.of(Metrics.DB_POOL, 0.9, Metrics.DB_POOL_WAITING, 4.0), b.figures());
        assertEquals("database pool at 90%, 4 threads waiting for a connection", b.evidence());

        assertEquals(0.5, only(analyzer.analyze(healthy().value(Metrics.DB_POOL, 0.9).build())).severity(), 1e-9);
    }

    @Test
    void shouldBlameRedisWhenLatencyIsHighWithCpuLowAndTheRedisPoolFull() {
        List<Bottleneck> found = analyzer.analyze(healthy().value(Metrics.P99_MS, 600).value(Metrics.CPU, 0.3)
                .value("pool.redis.usage", 0.95).build());

        Bottleneck b = only(found);
        assertEquals(Resource.REDIS, b.resource());
        assertEquals(0.75, b.severity(), 1e-9);
        assertEquals("Redis pool at 95%, p99 600 ms, CPU 30%", b.evidence());
    }

    @Test
    void shouldBlameRedisForCommandsWaitingForAConnection() {
        Bottleneck b = only(analyzer.analyze(healthy().value("pool.redis.usage", 1.0)
                .series("queue.redis-pool.size", 12, 10, 1).build()));

        assertEquals(Resource.REDIS, b.resource());
        assertEquals(1.0, b.severity(), 1e-9, "the pool is full");
        assertEquals(Map.of("pool.redis.usage", 1.0, "queue.redis-pool.size", 10.0, Metrics.P99_MS, 40.0,
                Metrics.CPU, 0.4), b.figures());

        assertEquals(0.5, only(analyzer.analyze(healthy().value("queue.redis-pool.size", 10).build())).severity(),
                1e-9, "10 of 20 waiting");
    }

    @Test
    void shouldTellADatabasePoolFromARedisPoolByName() {
        Bottleneck b = only(analyzer.analyze(TestFigures.of("t").value("pool.agroal-db.usage", 0.9).build()));
        assertEquals(Resource.DATABASE_POOL, b.resource());
        assertEquals(Map.of("pool.agroal-db.usage", 0.9), b.figures());

        assertEquals(Resource.REDIS, only(analyzer.analyze(TestFigures.of("t").value("pool.redis-db.usage", 0.9)
                .build())).resource());
    }

    @Test
    void shouldBlameAnUpstreamWhenLatencyIsHighAndNothingLocalIsFull() {
        Bottleneck b = only(analyzer.analyze(healthy().value(Metrics.P99_MS, 1000).value(Metrics.CPU, 0.2).build()));
        assertEquals(Resource.UPSTREAM, b.resource());
        assertEquals(1.0, b.severity(), 1e-9);
        assertEquals(Bottleneck.CRITICAL, b.level());

        Bottleneck mild = only(analyzer.analyze(healthy().value(Metrics.P99_MS, 500).value(Metrics.CPU, 0.2).build()));
        assertEquals(1.0 / 3, mild.severity(), 1e-9);
        assertEquals(Bottleneck.INFO, mild.level());

        assertEquals(List.of(), analyzer.analyze(TestFigures.of("t").value(Metrics.P99_MS, 1000).build()),
                "without CPU nobody can tell");
    }

    @Test
    void shouldNameAFillingQueue() {
        Bottleneck workers = only(analyzer.analyze(healthy().series(Metrics.WORKERS_QUEUE, 800, 700, 3).build()));
        assertEquals(Resource.QUEUE, workers.resource());
        assertEquals(0.6, workers.severity(), 1e-9, "80 % full");

        Bottleneck other = only(analyzer.analyze(healthy().series("queue.history.size", 5500, 5000, 10).build()));
        assertEquals(0.5, other.severity(), 1e-9, "(5500 − 1000) / 9000");
        assertTrue(analyzer.analyze(healthy().series("queue.history.size", 5500, 5000, -10).build()).isEmpty(),
                "a long queue that drains is not limiting");
    }

    @Test
    void shouldNameAFullLimiterByWhatItSheds() {
        Bottleneck b = only(analyzer.analyze(healthy().value(Metrics.LIMITER_INFLIGHT, 100)
                .value(Metrics.THROTTLED_RATE, 0.2).build()));
        assertEquals(Resource.LIMITER, b.resource());
        assertEquals(1.0, b.severity(), 1e-9);
        assertEquals("limiter full: 100 in flight of a limit of 100, 20% of requests throttled", b.evidence());

        assertEquals(0.25, only(analyzer.analyze(TestFigures.of("t").value(Metrics.LIMITER_LIMIT, 100)
                .value(Metrics.LIMITER_INFLIGHT, 95).build())).severity(), 1e-9, "full, shedding unknown");
    }

    @Test
    void shouldListTheWorstFirst() {
        List<Bottleneck> found = analyzer.analyze(healthy().value(Metrics.MEMORY, 0.875).value(Metrics.CPU, 0.9)
                .value(Metrics.DB_POOL, 0.85).build());

        assertEquals(List.of(Resource.CPU, Resource.MEMORY, Resource.DATABASE_POOL),
                found.stream().map(Bottleneck::resource).toList());
    }

    @Test
    void shouldRejectBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> BottleneckAnalyzer.newBuilder().levels(0.8, 0.4));
        assertThrows(IllegalArgumentException.class, () -> BottleneckAnalyzer.newBuilder().cpuOnset(0.99));
        assertThrows(IllegalArgumentException.class, () -> BottleneckAnalyzer.newBuilder().p99TargetMs(0));
    }
}
