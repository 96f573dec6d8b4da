package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

class AutoscalingStrategyTest {

    private final AutoscalingStrategy strategy = AutoscalingStrategy.newBuilder().build();

    private static TestFigures load(int replicas, double cpu, double p99) {
        return TestFigures.of("session-service").replicas(replicas).knob(Proposal.REPLICAS, replicas, 1, 100)
                .value(Metrics.CPU, cpu).value(Metrics.P99_MS, p99);
    }

    @Test
    void shouldAddReplicasTowardsTheCpuTarget() {
        Proposal p = strategy.evaluate(load(2, 0.9, 400).build()).orElseThrow();

        assertEquals("autoscaling", p.strategy());
        assertEquals(Proposal.REPLICAS, p.knob());
        assertEquals(2, p.from());
        assertEquals(3, p.to(), "2 × 0.9 / 0.6");
        assertEquals(1.0 / 3, p.expectedImpact(), 1e-12);
        assertEquals(Risk.LOW, p.risk());
        assertEquals(90, p.priority());
        assertEquals("CPU 90% and p99 400 ms (target 250 ms) across 2 replicas → k8s.replicas 2 → 3", p.rationale());

        Proposal more = strategy.evaluate(load(4, 0.96, 400).build()).orElseThrow();
        assertEquals(7, more.to(), "6.4 rounds up");
        assertEquals(0.4, more.expectedImpact(), 1e-12, "capped");
    }

    @Test
    void shouldNeverExceedMaxReplicas() {
        assertEquals(10, strategy.evaluate(load(9, 0.99, 400).build()).orElseThrow().to());
        assertTrue(strategy.evaluate(load(10, 0.99, 400).build()).isEmpty());
        assertEquals(4, AutoscalingStrategy.newBuilder().maxReplicas(4).build()
                .evaluate(load(2, 0.99, 400).build()).orElseThrow().to());
    }

    @Test
    void shouldHonourAReplicaKnobsBounds() {
        assertEquals(5, strategy.evaluate(load(4, 0.96, 400).knob(Proposal.REPLICAS, 4, 2, 5).build())
                .orElseThrow().to());
        assertTrue(strategy.evaluate(load(2, 0.1, 20).knob(Proposal.REPLICAS, 2, 2, 5).build()).isEmpty());
    }

    @Test
    void shouldRemoveReplicasAnIdleTargetDoesNotNeed() {
        Proposal p = strategy.evaluate(load(4, 0.15, 50).build()).orElseThrow();
        assertEquals(1, p.to(), "4 × 0.15 / 0.6");
        assertEquals(0, p.expectedImpact());
        assertEquals(Risk.MEDIUM, p.risk());
        assertEquals(45, p.priority());

        assertEquals(2, strategy.evaluate(load(3, 0.25, 50).build()).orElseThrow().to(), "1.25 → 2");
        assertTrue(strategy.evaluate(load(1, 0.05, 50).build()).isEmpty(), "at minReplicas");
    }

    @Test
    void shouldNotApplyToHealthyFigures() {
        assertTrue(strategy.evaluate(load(2, 0.5, 100).build()).isEmpty());
        assertTrue(strategy.evaluate(load(2, 0.9, 100).build()).isEmpty(), "busy but fast");
        assertTrue(strategy.evaluate(load(2, 0.2, 200).build()).isEmpty(), "idle but not fast");
    }

    @Test
    void shouldNotApplyWithoutCpuOrLatency() {
        assertTrue(strategy.evaluate(TestFigures.of("t").replicas(2).knob(Proposal.REPLICAS, 2, 1, 10)
                .value(Metrics.CPU, 0.95).build()).isEmpty());
        assertTrue(strategy.evaluate(TestFigures.of("t").replicas(2).knob(Proposal.REPLICAS, 2, 1, 10)
                .value(Metrics.P99_MS, 900).build()).isEmpty());
    }

    @Test
    void shouldLeaveTargetsItCannotScaleAloneUnlessToldOtherwise() {
        TestFigures unmanaged = TestFigures.of("t").replicas(2).value(Metrics.CPU, 0.9).value(Metrics.P99_MS, 400);

        assertTrue(strategy.evaluate(unmanaged.build()).isEmpty());
        assertEquals(3, AutoscalingStrategy.newBuilder().requireReplicaKnob(false).build()
                .evaluate(unmanaged.build()).orElseThrow().to());
    }

    @Test
    void shouldRejectBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> AutoscalingStrategy.newBuilder().minReplicas(0));
        assertThrows(IllegalArgumentException.class, () -> AutoscalingStrategy.newBuilder().cpuTarget(0));
        assertThrows(IllegalStateException.class,
                () -> AutoscalingStrategy.newBuilder().minReplicas(5).maxReplicas(3).build());
    }
}
