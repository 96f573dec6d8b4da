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

class WorkerPoolStrategyTest {

    private final WorkerPoolStrategy strategy = WorkerPoolStrategy.newBuilder().build();

    private static TestFigures workers(long size, long max, double cpu, double backlog, double slope, double usage) {
        return TestFigures.of("session-service")
                .knob(KnobNames.WORKERS_POOL_SIZE, size, 1, max)
                .value(Metrics.CPU, cpu)
                .series(Metrics.WORKERS_QUEUE, backlog, backlog, slope)
                .value(Metrics.WORKERS_POOL, usage);
    }

    @Test
    void shouldDoubleABusyPoolWhenCpuIsIdleAndTheQueueBacksUp() {
        Proposal p = strategy.evaluate(workers(8, 64, 0.3, 50, 1, 1.0).build()).orElseThrow();

        assertEquals("worker-pool", p.strategy());
        assertEquals(KnobNames.WORKERS_POOL_SIZE, p.knob());
        assertEquals(8, p.from());
        assertEquals(16, p.to());
        assertEquals(0.25, p.expectedImpact(), 1e-12);
        assertEquals(0.6, p.confidence(), 1e-12);
        assertEquals(Risk.LOW, p.risk());
        assertEquals(70, p.priority());
        assertEquals("CPU 30% with 50 queued (growing 1/s), pool usage 100% → workers.pool-size 8 → 16", p.rationale());
    }

    @Test
    void shouldGrowThePoolTowardsTheCpuTarget() {
        Proposal p = strategy.evaluate(workers(8, 64, 0.5, 50, 0, 1.0).build()).orElseThrow();
        assertEquals(12, p.to(), "8 × 0.75 / 0.5");
        assertEquals(0.125, p.expectedImpact(), 1e-12);

        assertEquals(8, strategy.evaluate(workers(5, 64, 0.5, 50, 0, 1.0).build()).orElseThrow().to(),
                "7.5 rounds up");
    }

    @Test
    void shouldShrinkABusyPoolWhenCpuIsSaturated() {
        Proposal p = strategy.evaluate(workers(8, 64, 0.95, 50, 1, 1.0).build()).orElseThrow();
        assertEquals(6, p.to());
        assertEquals(0.1, p.expectedImpact(), 1e-12);
        assertEquals(Risk.MEDIUM, p.risk());
    }

    @Test
    void shouldNotBlameAnIdlePoolForSaturatedCpu() {
        assertTrue(strategy.evaluate(workers(8, 64, 0.95, 0, 0, 0.2).build()).isEmpty());
    }

    @Test
    void shouldNotApplyToHealthyFigures() {
        assertTrue(strategy.evaluate(workers(8, 64, 0.3, 0, 0, 0.3).build()).isEmpty());
        assertTrue(strategy.evaluate(workers(8, 64, 0.7, 50, 1, 1.0).build()).isEmpty(), "no headroom, not saturated");
        assertTrue(strategy.evaluate(workers(8, 64, 0.3, 50, -1, 1.0).build()).isEmpty(), "queue draining");
        assertTrue(strategy.evaluate(workers(8, 64, 0.3, 50, 1, 0.5).build()).isEmpty(), "workers not busy");
    }

    @Test
    void shouldNotApplyWithoutTheKnobOrTheFigures() {
        assertTrue(strategy.evaluate(TestFigures.of("t").value(Metrics.CPU, 0.3)
                .series(Metrics.WORKERS_QUEUE, 50, 50, 1).build()).isEmpty(), "no knob");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_POOL_SIZE, 8, 1, 64)
                .series(Metrics.WORKERS_QUEUE, 50, 50, 1).build()).isEmpty(), "no CPU");
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_POOL_SIZE, 8, 1, 64)
                .value(Metrics.CPU, 0.3).build()).isEmpty(), "no queue");
    }

    @Test
    void shouldGrowWhenThePoolUsageIsNotReported() {
        Proposal p = strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_POOL_SIZE, 8, 1, 64)
                .value(Metrics.CPU, 0.3).series(Metrics.WORKERS_QUEUE, 50, 50, 1).build()).orElseThrow();
        assertEquals(16, p.to());
    }

    @Test
    void shouldNotGrowWhenCpuIsAlreadyAtItsTarget() {
        WorkerPoolStrategy loose = WorkerPoolStrategy.newBuilder().cpuHeadroom(0.8).cpuTarget(0.7).build();
        assertTrue(loose.evaluate(workers(8, 64, 0.75, 50, 1, 1.0).build()).isEmpty());
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        assertEquals(10, strategy.evaluate(workers(8, 10, 0.3, 50, 1, 1.0).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(workers(10, 10, 0.3, 50, 1, 1.0).build()).isEmpty(), "at its maximum");
        assertTrue(strategy.evaluate(workers(1, 10, 0.95, 50, 1, 1.0).build()).isEmpty(), "at its minimum");
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> WorkerPoolStrategy.newBuilder().cpuHeadroom(-0.1));
        assertThrows(IllegalArgumentException.class, () -> WorkerPoolStrategy.newBuilder().maxGrowth(0.5));
        assertThrows(IllegalArgumentException.class, () -> WorkerPoolStrategy.newBuilder().minBacklog(-1));
        assertThrows(IllegalArgumentException.class, () -> WorkerPoolStrategy.newBuilder().shrinkFactor(0));
    }
}
