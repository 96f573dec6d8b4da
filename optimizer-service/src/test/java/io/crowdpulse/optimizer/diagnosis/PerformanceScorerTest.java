package io.crowdpulse.optimizer.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.TestFigures;
import io.crowdpulse.optimizer.figures.Metrics;

class PerformanceScorerTest {

    private final PerformanceScorer scorer = PerformanceScorer.standard();

    private static TestFigures strained() {
        return TestFigures.of("session-service")
                .value(Metrics.P99_MS, 625)
                .value(Metrics.ERROR_RATE, 0.01)
                .value(Metrics.THROTTLED_RATE, 0.05)
                .value(Metrics.CPU, 0.85)
                .value(Metrics.MEMORY, 0.9)
                .value(Metrics.DB_POOL, 0.9)
                .value("pool.redis.usage", 0.5)
                .value(Metrics.WORKERS_QUEUE, 750)
                .knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000)
                .value(Metrics.RPS, 100);
    }

    @Test
    void shouldDeductEachComponentByItsFormula() {
        PerformanceScore score = scorer.score(strained().build());

        assertEquals("session-service", score.target());
        assertEquals(61.5, score.score(), 1e-9);
        Map<String, Double> c = score.components();
        assertEquals(List.of("latency", "errors", "throttled", "cpu", "memory", "pools", "queues"),
                List.copyOf(c.keySet()));
        assertEquals(15, c.get("latency"), 1e-9, "30 × (625 − 250) / 750");
        assertEquals(6, c.get("errors"), 1e-9, "30 × 0.01 / 0.05");
        assertEquals(2.5, c.get("throttled"), 1e-9, "10 × 0.05 / 0.2");
        assertEquals(5, c.get("cpu"), 1e-9, "10 × (0.85 − 0.7) / 0.3");
        assertEquals(5, c.get("memory"), 1e-9, "10 × (0.9 − 0.8) / 0.2");
        assertEquals(2.5, c.get("pools"), 1e-9, "5 × (0.9 − 0.8) / 0.2, the fullest pool");
        assertEquals(2.5, c.get("queues"), 1e-9, "5 × (0.75 − 0.5) / 0.5");
        assertEquals(Map.of(Metrics.P99_MS, 625.0, Metrics.ERROR_RATE, 0.01, Metrics.THROTTLED_RATE, 0.05,
                Metrics.CPU, 0.85, Metrics.MEMORY, 0.9, Metrics.DB_POOL, 0.9, "pool.redis.usage", 0.5,
                Metrics.WORKERS_QUEUE, 750.0, KnobNames.WORKERS_QUEUE_CAPACITY, 1000.0, Metrics.RPS, 100.0),
                score.inputs());
    }

    @Test
    void shouldScoreAHealthyTargetOneHundred() {
        PerformanceScore score = scorer.score(TestFigures.of("t").value(Metrics.P99_MS, 40).value(Metrics.ERROR_RATE, 0)
                .value(Metrics.CPU, 0.5).value(Metrics.MEMORY, 0.6).build());
        assertEquals(100, score.score(), 1e-12);
        assertEquals(0, score.components().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }

    @Test
    void shouldCapEveryComponentAtItsPoints() {
        PerformanceScore score = scorer.score(TestFigures.of("t").value(Metrics.P99_MS, 10_000)
                .value(Metrics.ERROR_RATE, 1).value(Metrics.THROTTLED_RATE, 1).value(Metrics.CPU, 1)
                .value(Metrics.MEMORY, 1).value(Metrics.DB_POOL, 1).value(Metrics.WORKERS_QUEUE, 5000)
                .knob(KnobNames.WORKERS_QUEUE_CAPACITY, 1000, 10, 100_000).build());
        assertEquals(0, score.score(), 1e-9);
    }

    @Test
    void shouldDeductNothingForWhatATargetDoesNotReport() {
        PerformanceScore score = scorer.score(TestFigures.of("t").build());
        assertEquals(100, score.score(), 1e-12);
        assertEquals(Map.of(), score.inputs());
    }

    @Test
    void shouldMixTheRequestWeightedMeanWithTheWorstTarget() {
        PerformanceScore a = scorer.score(strained().build());
        PerformanceScore b = scorer.score(TestFigures.of("report-service").value(Metrics.P99_MS, 40)
                .value(Metrics.RPS, 300).build());

        PerformanceScore overall = scorer.overall(List.of(a, b));

        assertEquals("overall", overall.target());
        assertEquals(75.9375, overall.score(), 1e-9, "0.5 × (61.5 × 100 + 100 × 300) / 400 + 0.5 × 61.5");
        assertEquals(90.375, overall.inputs().get("weightedMean"), 1e-9);
        assertEquals(61.5, overall.inputs().get("worst"), 1e-9);
        assertEquals(0.25, overall.inputs().get("weight.session-service"), 1e-9);
        assertEquals(9.375, overall.components().get("latency"), 1e-9, "0.5 × 0.25 × 15 + 0.5 × 15");
        assertEquals(100 - overall.score(),
                overall.components().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void shouldWeighATargetWithoutRequestRateAsTheMeanOfTheOthers() {
        PerformanceScore a = new PerformanceScore("a", 60, Map.of(Metrics.RPS, 100.0), Map.of());
        PerformanceScore b = new PerformanceScore("b", 100, Map.of(Metrics.RPS, 300.0), Map.of());
        PerformanceScore c = new PerformanceScore("c", 80, Map.of(), Map.of());

        PerformanceScore overall = scorer.overall(List.of(a, b, c));

        assertEquals(1.0 / 3, overall.inputs().get("weight.c"), 1e-9, "200 of 600");
        assertEquals(0.5 * (60 * 100 + 100 * 300 + 80 * 200) / 600.0 + 0.5 * 60, overall.score(), 1e-9);
    }

    @Test
    void shouldScoreNoTargetsAsNothingWrong() {
        assertEquals(100, scorer.overall(List.of()).score());
        assertEquals(80, PerformanceScorer.newBuilder().worstWeight(0).build()
                .overall(List.of(new PerformanceScore("a", 80, Map.of(), Map.of()))).score(), 1e-12);
    }

    @Test
    void shouldRejectBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> PerformanceScorer.newBuilder().worstWeight(1.5));
        assertThrows(IllegalArgumentException.class, () -> PerformanceScorer.newBuilder().p99TargetMs(0));
    }
}
