package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

class QueueSizeStrategyTest {

    private final QueueSizeStrategy strategy = QueueSizeStrategy.newBuilder().build();

    private static TestFigures queue(double size, double slope, double memory) {
        return TestFigures.of("session-service")
                .knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000)
                .series(Metrics.WORKERS_QUEUE, size, size, slope)
                .value(Metrics.MEMORY, memory);
    }

    @Test
    void shouldDoubleTheCapacityOfAFullQueueThatKeepsGrowing() {
        Proposal p = strategy.evaluate(queue(900, 5, 0.5).build()).orElseThrow();

        assertEquals("queue-size", p.strategy());
        assertEquals("session-service", p.target());
        assertEquals(KnobNames.WORKERS_QUEUE_CAPACITY, p.knob());
        assertEquals(1000, p.from());
        assertEquals(2000, p.to());
        assertEquals(0.18, p.expectedImpact(), 1e-12);
        assertEquals(0.6, p.confidence(), 1e-12);
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(75, p.priority());
        assertEquals("workers queue at 900/1000 (90%) growing 5/s, memory 50% → workers.queue-capacity 1000 → 2000",
                p.rationale());
    }

    @Test
    void shouldHalveTheCapacityUnderMemoryPressure() {
        Proposal p = strategy.evaluate(queue(300, 0, 0.9).build()).orElseThrow();

        assertEquals(1000, p.from());
        assertEquals(500, p.to());
        assertEquals(0.05, p.expectedImpact(), 1e-12);
        assertTrue(p.rationale().startsWith("memory 90% with the workers queue at 300/1000 (30%)"), p.rationale());
    }

    @Test
    void shouldNotApplyToAHealthyQueue() {
        assertTrue(strategy.evaluate(queue(100, 0, 0.5).build()).isEmpty());
    }

    @Test
    void shouldNotApplyToAFullQueueThatDrains() {
        assertTrue(strategy.evaluate(queue(900, -2, 0.5).build()).isEmpty());
        assertTrue(strategy.evaluate(queue(900, 0, 0.5).build()).isEmpty());
    }

    @Test
    void shouldNotApplyToAGrowingQueueWithRoomLeft() {
        assertTrue(strategy.evaluate(queue(500, 5, 0.5).build()).isEmpty());
    }

    @Test
    void shouldNotGrowTheQueueUnderMemoryPressureNorShrinkAnAlmostEmptyOne() {
        assertTrue(strategy.evaluate(queue(900, 5, 0.9).build()).isPresent());
        assertEquals(500, strategy.evaluate(queue(900, 5, 0.9).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(queue(100, 0, 0.9).build()).isEmpty());
    }

    @Test
    void shouldNotApplyWithoutTheQueueMetricOrTheKnob() {
        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000)
                .value(Metrics.MEMORY, 0.95).build()).isEmpty());
        assertTrue(strategy.evaluate(TestFigures.of("t").series(Metrics.WORKERS_QUEUE, 900, 900, 5).build()).isEmpty());
    }

    @Test
    void shouldStayInsideTheKnobsBounds() {
        Proposal p = strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 1500)
                .series(Metrics.WORKERS_QUEUE, 900, 900, 5).build()).orElseThrow();
        assertEquals(1500, p.to());

        assertTrue(strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1500, 10, 1500)
                .series(Metrics.WORKERS_QUEUE, 1400, 1400, 5).build()).isEmpty(), "already at its maximum");
    }

    @Test
    void shouldRoundAWholeNumberKnobDown() {
        Proposal p = strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_QUEUE_CAPACITY, 15, 1, 100)
                .series(Metrics.WORKERS_QUEUE, 5, 5, 0).value(Metrics.MEMORY, 0.9).build()).orElseThrow();
        assertEquals(7, p.to());
    }

    @Test
    void shouldTrustAShortWindowLess() {
        Proposal p = strategy.evaluate(TestFigures.of("t").knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000)
                .series(new SeriesFigures(Metrics.WORKERS_QUEUE, 900, 850, 800, 900, 900, 5, 5)).build())
                .orElseThrow();
        assertEquals(0.3, p.confidence(), 1e-12);
    }

    @Test
    void shouldRejectBadThresholds() {
        assertThrows(IllegalArgumentException.class, () -> QueueSizeStrategy.newBuilder().fillThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> QueueSizeStrategy.newBuilder().growFactor(1));
        assertThrows(IllegalArgumentException.class, () -> QueueSizeStrategy.newBuilder().shrinkFactor(1));
        assertThrows(IllegalArgumentException.class, () -> QueueSizeStrategy.newBuilder().minGrowthPerSecond(-1));
    }
}
