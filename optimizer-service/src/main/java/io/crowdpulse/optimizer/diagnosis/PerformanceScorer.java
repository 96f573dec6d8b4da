package io.crowdpulse.optimizer.diagnosis;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;

/**
 * Scores how well a target performs, 0..100: {@code 100 − Σ deductions}, each component deducting its points
 * times a pressure between 0 and 1, computed from window means:
 * <pre>
 * latency   30 × clamp((p99 − p99Target) / (3 × p99Target))    0 up to the target, all 30 at four times it
 * errors    30 × clamp(errorRate / errorRateCeiling)           all 30 at 5 % errors
 * throttled 10 × clamp(throttledRate / throttledCeiling)       all 10 when 20 % of requests get 429/503
 * cpu       10 × ramp(cpu, 0.7, 1.0)                            0 up to 70 % CPU, all 10 at 100 %
 * memory    10 × ramp(memory, 0.8, 1.0)                         0 up to 80 % memory, all 10 at 100 %
 * pools      5 × ramp(fullest pool.*.usage, 0.8, 1.0)
 * queues     5 × ramp(workers queue size / workers.queue-capacity, 0.5, 1.0)
 * </pre>
 * where {@code clamp} limits to [0, 1] and {@code ramp(x, a, b) = clamp((x − a) / (b − a))}. A figure the target
 * does not report deducts nothing; {@code inputs} lists the figures that were used (and {@code http.rps}, the
 * weight in the overall score), {@code components} every component's deduction (0 when nothing is deducted).
 * <p>
 * The overall score mixes the request-weighted mean with the worst target, so one failing service cannot
 * hide behind busy healthy ones: {@code overall = (1 − w) × Σ(rps_i × score_i) / Σ rps_i + w × min score_i},
 * {@code w = worstWeight} (0.5). A target that reports no {@code http.rps} weighs as much as the mean of those
 * that do (all weigh 1 when none does). The overall components mix the targets' components the same way, so
 * they still add up to {@code 100 − overall}.
 */
public final class PerformanceScorer {

    public static final String OVERALL = "overall";

    public static final double LATENCY_POINTS = 30;
    public static final double ERROR_POINTS = 30;
    public static final double THROTTLED_POINTS = 10;
    public static final double CPU_POINTS = 10;
    public static final double MEMORY_POINTS = 10;
    public static final double POOL_POINTS = 5;
    public static final double QUEUE_POINTS = 5;

    private final double p99TargetMs;
    private final double errorRateCeiling;
    private final double throttledCeiling;
    private final double worstWeight;

    private PerformanceScorer(Builder b) {
        this.p99TargetMs = b.p99TargetMs;
        this.errorRateCeiling = b.errorRateCeiling;
        this.throttledCeiling = b.throttledCeiling;
        this.worstWeight = b.worstWeight;
    }

    public static PerformanceScorer standard() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public PerformanceScore score(TargetFigures figures) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        Map<String, Double> components = new LinkedHashMap<>();

        double p99 = input(figures, Metrics.P99_MS, inputs);
        components.put("latency", LATENCY_POINTS * clamp((p99 - p99TargetMs) / (3 * p99TargetMs)));
        double errors = input(figures, Metrics.ERROR_RATE, inputs);
        components.put("errors", ERROR_POINTS * clamp(errors / errorRateCeiling));
        double throttled = input(figures, Metrics.THROTTLED_RATE, inputs);
        components.put("throttled", THROTTLED_POINTS * clamp(throttled / throttledCeiling));
        double cpu = input(figures, Metrics.CPU, inputs);
        components.put("cpu", CPU_POINTS * ramp(cpu, 0.7, 1.0));
        double memory = input(figures, Metrics.MEMORY, inputs);
        components.put("memory", MEMORY_POINTS * ramp(memory, 0.8, 1.0));

        double fullestPool = Double.NaN;
        for (SeriesFigures pool : figures.seriesMatching(Metrics.POOL_PREFIX, Metrics.POOL_SUFFIX)) {
            if (!Double.isNaN(pool.mean())) {
                inputs.put(pool.metric(), pool.mean());
                fullestPool = Double.isNaN(fullestPool) ? pool.mean() : Math.max(fullestPool, pool.mean());
            }
        }
        components.put("pools", POOL_POINTS * ramp(fullestPool, 0.8, 1.0));

        double queueFill = Double.NaN;
        double capacity = figures.knob(KnobNames.WORKERS_QUEUE_CAPACITY)
                .map(k -> k.value() == null ? Double.NaN : k.value().doubleValue()).orElse(Double.NaN);
        double queue = figures.mean(Metrics.WORKERS_QUEUE);
        if (capacity > 0 && !Double.isNaN(queue)) {
            inputs.put(Metrics.WORKERS_QUEUE, queue);
            inputs.put(KnobNames.WORKERS_QUEUE_CAPACITY, capacity);
            queueFill = queue / capacity;
        }
        components.put("queues", QUEUE_POINTS * ramp(queueFill, 0.5, 1.0));

        input(figures, Metrics.RPS, inputs);
        double deducted = components.values().stream().mapToDouble(Double::doubleValue).sum();
        return new PerformanceScore(figures.target(), Math.max(0, 100 - deducted),
                Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(components));
    }

    /** The score of the whole platform (target {@code overall}) from every target's score. */
    public PerformanceScore overall(List<PerformanceScore> scores) {
        if (scores.isEmpty()) {
            return new PerformanceScore(OVERALL, 100, Map.of("targets", 0.0), Map.of());
        }
        double reportedSum = 0;
        int reported = 0;
        for (PerformanceScore score : scores) {
            Double rps = score.inputs().get(Metrics.RPS);
            if (rps != null && rps >= 0 && !rps.isNaN()) {
                reportedSum += rps;
                reported++;
            }
        }
        double fallbackWeight = reported == 0 ? 1 : reportedSum / reported;
        double[] weights = new double[scores.size()];
        double totalWeight = 0;
        PerformanceScore worst = scores.get(0);
        for (int i = 0; i < scores.size(); i++) {
            PerformanceScore score = scores.get(i);
            Double rps = score.inputs().get(Metrics.RPS);
            weights[i] = rps != null && rps >= 0 && !rps.isNaN() ? rps : fallbackWeight;
            totalWeight += weights[i];
            if (score.score() < worst.score()) {
                worst = score;
            }
        }
        if (!(totalWeight > 0)) {
            // every target idle: each weighs the same
            Arrays.fill(weights, 1);
            totalWeight = scores.size();
        }
        Map<String, Double> inputs = new LinkedHashMap<>();
        Map<String, Double> components = new LinkedHashMap<>();
        double mean = 0;
        for (int i = 0; i < scores.size(); i++) {
            PerformanceScore score = scores.get(i);
            double share = weights[i] / totalWeight;
            mean += share * score.score();
            inputs.put("score." + score.target(), score.score());
            inputs.put("weight." + score.target(), share);
            for (Map.Entry<String, Double> component : score.components().entrySet()) {
                components.merge(component.getKey(), (1 - worstWeight) * share * component.getValue(), Double::sum);
            }
        }
        for (Map.Entry<String, Double> component : worst.components().entrySet()) {
            components.merge(component.getKey(), worstWeight * component.getValue(), Double::sum);
        }
        inputs.put("weightedMean", mean);
        inputs.put("worst", worst.score());
        double overall = (1 - worstWeight) * mean + worstWeight * worst.score();
        return new PerformanceScore(OVERALL, overall, Collections.unmodifiableMap(inputs),
                Collections.unmodifiableMap(components));
    }

    private static double input(TargetFigures figures, String metric, Map<String, Double> inputs) {
        double value = figures.mean(metric);
        if (!Double.isNaN(value)) {
            inputs.put(metric, value);
        }
        return value;
    }

    /** [0, 1]; NaN (a figure not reported) is 0. */
    private static double clamp(double x) {
        return x > 0 ? Math.min(1, x) : 0;
    }

    private static double ramp(double x, double from, double to) {
        return clamp((x - from) / (to - from));
    }

    /** Builds a {@link PerformanceScorer}; every setter checks its argument. */
    public static final class Builder {
        private double p99TargetMs = 250;
        private double errorRateCeiling = 0.05;
        private double throttledCeiling = 0.2;
        private double worstWeight = 0.5;

        private Builder() {
        }

        /** The p99 latency a target should keep; the latency component deducts from there. */
        public Builder p99TargetMs(double p99TargetMs) {
            positive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        /** Error rate (0..1] at which the errors component deducts all its points. */
        public Builder errorRateCeiling(double errorRateCeiling) {
            positive("errorRateCeiling", errorRateCeiling);
            this.errorRateCeiling = errorRateCeiling;
            return this;
        }

        /** Throttled share (0..1] at which the throttled component deducts all its points. */
        public Builder throttledCeiling(double throttledCeiling) {
            positive("throttledCeiling", throttledCeiling);
            this.throttledCeiling = throttledCeiling;
            return this;
        }

        /** Weight (0..1) of the worst target in the overall score; 0 = purely request-weighted. */
        public Builder worstWeight(double worstWeight) {
            if (!(worstWeight >= 0 && worstWeight <= 1)) {
                throw new IllegalArgumentException("worstWeight must be within [0, 1]: " + worstWeight);
            }
            this.worstWeight = worstWeight;
            return this;
        }

        public PerformanceScorer build() {
            return new PerformanceScorer(this);
        }

        private static void positive(String what, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
        }
    }
}
