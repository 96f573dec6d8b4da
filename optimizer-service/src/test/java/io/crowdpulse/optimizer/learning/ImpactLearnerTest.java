package io.crowdpulse.optimizer.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ImpactLearnerTest {

    private final ImpactLearner learner = new ImpactLearner();

    @Test
    void shouldStartFromTheModel() {
        assertEquals(new Estimate(0.2, 0.6, 0), learner.estimate("worker-pool", "session-service", 0.2, 0.6));
    }

    @Test
    void shouldMoveTowardsWhatWasMeasuredAsOutcomesAccumulate() {
        learner.record("worker-pool", "session-service", 0.2, 0.1);

        Estimate one = learner.estimate("worker-pool", "session-service", 0.2, 0.6);
        assertEquals(0.175, one.expectedImpact(), 1e-12, "0.2 + 1/4 × (0.1 − 0.2)");
        assertEquals(0.6, one.confidence(), 1e-12, "one outcome has no spread");
        assertEquals(1, one.outcomes());

        for (int i = 1; i < 12; i++) {
            learner.record("worker-pool", "session-service", 0.2, 0.1);
        }
        Estimate many = learner.estimate("worker-pool", "session-service", 0.2, 0.6);
        assertEquals(0.12, many.expectedImpact(), 1e-12, "0.2 + 12/15 × (−0.1)");
        assertEquals(0.92, many.confidence(), 1e-12, "0.2 × 0.6 + 0.8 × 1: no spread");
        assertEquals(12, many.outcomes());
    }

    @Test
    void shouldLoseConfidenceWhenOutcomesSpreadWidely() {
        for (int i = 0; i < 12; i++) {
            learner.record("cache", "report-service", 0.2, i % 2 == 0 ? 0.5 : -0.1);
        }

        Estimate estimate = learner.estimate("cache", "report-service", 0.2, 0.6);

        double sd = Math.sqrt(12 * 0.09 / 11);
        assertEquals(0.2, estimate.expectedImpact(), 1e-12, "the outcomes average 0.2 like the model");
        assertEquals(0.2 * 0.6 + 0.8 / (1 + sd / 0.1), estimate.confidence(), 1e-12);
        assertTrue(estimate.confidence() < 0.35, () -> "confidence " + estimate.confidence());
    }

    @Test
    void shouldFallBackOnTheStrategysOutcomesOnOtherTargetsTrustedLess() {
        for (int i = 0; i < 3; i++) {
            learner.record("worker-pool", "session-service", 0.2, 0.1);
        }

        Estimate elsewhere = learner.estimate("worker-pool", "alerting-service", 0.2, 0.6);

        assertEquals(0.2 - 0.1 / 3, elsewhere.expectedImpact(), 1e-12, "weight 3 / (3 + 2 × 3)");
        assertEquals(2.0 / 3 * 0.6 + 1.0 / 3, elsewhere.confidence(), 1e-12);
        assertEquals(3, elsewhere.outcomes());
        assertEquals(new Estimate(0.2, 0.6, 0), learner.estimate("cache", "session-service", 0.2, 0.6),
                "another strategy learned nothing");
    }

    @Test
    void shouldKeepOnlyTheLatestOutcomes() {
        ImpactLearner small = ImpactLearner.newBuilder().maxOutcomes(5).build();
        for (int i = 0; i < 5; i++) {
            small.record("s", "t", 0.1, 1.1);
        }
        for (int i = 0; i < 5; i++) {
            small.record("s", "t", 0.1, 0.1);
        }

        assertEquals(5, small.outcomes("s", "t"));
        assertEquals(0.1, small.estimate("s", "t", 0.1, 0.5).expectedImpact(), 1e-12, "the old misses are gone");
    }

    @Test
    void shouldLearnTheSameWhateverTheActionExpected() {
        ImpactLearner other = new ImpactLearner();
        for (int i = 0; i < 4; i++) {
            learner.record("s", "t", 0.2, 0.05 * i);
            other.record("s", "t", 0.9 - i, 0.05 * i);
        }
        assertEquals(learner.estimate("s", "t", 0.2, 0.6), other.estimate("s", "t", 0.2, 0.6));
    }

    @Test
    void shouldTurnNegativeWhenChangesKeepHurting() {
        for (int i = 0; i < 6; i++) {
            learner.record("cache", "t", 0.2, -0.15);
        }
        assertEquals(0.2 / 3 - 0.15 * 2 / 3, learner.estimate("cache", "t", 0.2, 0.6).expectedImpact(), 1e-12);
        assertTrue(learner.estimate("cache", "t", 0.2, 0.6).expectedImpact() < 0);
    }

    @Test
    void shouldIgnoreOutcomesThatAreNotNumbers() {
        learner.record("s", "t", 0.1, Double.NaN);
        learner.record("s", "t", 0.1, Double.POSITIVE_INFINITY);
        assertEquals(0, learner.outcomes("s", "t"));
        learner.record("s", "t", Double.NaN, 0.1);
        assertEquals(1, learner.outcomes("s", "t"), "what was expected does not matter");
    }

    @Test
    void shouldKeepTheEstimateWithinItsRanges() {
        assertEquals(new Estimate(1, 1, 0), learner.estimate("s", "t", 1.5, 1.2));
        for (int i = 0; i < 20; i++) {
            learner.record("s", "t", 0, -3);
        }
        assertEquals(-1, learner.estimate("s", "t", 0.1, 0.5).expectedImpact(), 1e-12);
    }

    @Test
    void shouldLearnFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String target = "target-" + (t % 2);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        learner.record("s", target, 0.1, 0.2);
                        learner.estimate("s", target, 0.1, 0.5);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(20, learner.outcomes("s", "target-0"));
        assertEquals(20, learner.outcomes("s", "target-1"));
        Estimate estimate = learner.estimate("s", "target-0", 0.1, 0.5);
        assertEquals(0.1 + 20.0 / 23 * 0.1, estimate.expectedImpact(), 1e-12);
    }

    @Test
    void shouldRejectBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> ImpactLearner.newBuilder().maxOutcomes(0));
        assertThrows(IllegalArgumentException.class, () -> ImpactLearner.newBuilder().priorWeight(0));
        assertThrows(IllegalArgumentException.class, () -> ImpactLearner.newBuilder().spreadScale(-1));
    }
}
