package io.crowdpulse.optimizer.learning;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Learns, per strategy and target, how much the changes of a strategy really helped. Thread-safe.
 * <p>
 * The strategy's model is a prior worth {@code priorWeight} outcomes; each verified action adds its measured
 * impact. For a new proposal with model impact {@code m} and model confidence {@code c}:
 * <pre>
 * n      = measured outcomes of this strategy on this target (the last {@code maxOutcomes} kept)
 * w      = n / (n + priorWeight)                      priorWeight 3: three outcomes weigh as much as the model
 * impact = (1 − w) × m + w × mean(measured)            shrinkage of the model towards what was measured
 * c'     = 1 / (1 + sd(measured) / spreadScale)        spread 0 → 1; sd = spreadScale (0.1) → 0.5
 * conf   = (1 − w) × c + w × c'                        (c' = c while n &lt; 2: one outcome shows no spread)
 * </pre>
 * When the target has no outcome of the strategy yet, the strategy's outcomes on every target stand in, trusted
 * half as much ({@code priorWeight} doubled). The impact is kept within [−1, 1], the confidence within [0, 1].
 * Outcomes that are not finite numbers are ignored. The expected impact an action was taken with is accepted by
 * {@link #record} but does not enter the estimate: it may itself be a learned figure, and learning from it would
 * feed the estimate back into itself.
 */
public final class ImpactLearner {

    private final int maxOutcomes;
    private final double priorWeight;
    private final double spreadScale;

    private final Object lock = new Object();
    private final Map<String, Map<String, Deque<Double>>> byStrategyAndTarget = new HashMap<>();
    private final Map<String, Deque<Double>> byStrategy = new HashMap<>();

    /** A learner with the defaults: the last 20 outcomes per key, a prior worth 3 outcomes, spread scale 0.1. */
    public ImpactLearner() {
        this(newBuilder());
    }

    private ImpactLearner(Builder b) {
        this.maxOutcomes = b.maxOutcomes;
        this.priorWeight = b.priorWeight;
        this.spreadScale = b.spreadScale;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** The estimate for a new proposal: the strategy's model figures corrected by what was measured here. */
    public Estimate estimate(String strategy, String target, double modelImpact, double modelConfidence) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(target, "target");
        double[] measured;
        double weightOfPrior = priorWeight;
        synchronized (lock) {
            Deque<Double> own = byStrategyAndTarget.getOrDefault(strategy, Map.of()).get(target);
            if (own != null && !own.isEmpty()) {
                measured = toArray(own);
            } else {
                Deque<Double> all = byStrategy.get(strategy);
                measured = all == null ? new double[0] : toArray(all);
                weightOfPrior = 2 * priorWeight;
            }
        }
        int n = measured.length;
        if (n == 0) {
            return new Estimate(clamp(modelImpact, -1, 1), clamp(modelConfidence, 0, 1), 0);
        }
        double mean = 0;
        for (double x : measured) {
            mean += x;
        }
        mean /= n;
        double w = n / (n + weightOfPrior);
        double learnedConfidence = modelConfidence;
        if (n >= 2) {
            double squares = 0;
            for (double x : measured) {
                squares += (x - mean) * (x - mean);
            }
            double sd = Math.sqrt(squares / (n - 1));
            learnedConfidence = 1 / (1 + sd / spreadScale);
        }
        double impact = clamp((1 - w) * modelImpact + w * mean, -1, 1);
        double confidence = clamp((1 - w) * modelConfidence + w * learnedConfidence, 0, 1);
        return new Estimate(impact, confidence, n);
    }

    /**
     * Learns from one verified action (also used to replay stored outcomes at startup, oldest first). Only
     * {@code measuredImpact} is learned from; {@code expectedImpact} is what the action expected (see above).
     */
    public void record(String strategy, String target, double expectedImpact, double measuredImpact) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(target, "target");
        if (Double.isNaN(measuredImpact) || Double.isInfinite(measuredImpact)) {
            return;
        }
        synchronized (lock) {
            append(byStrategyAndTarget.computeIfAbsent(strategy, s -> new HashMap<>())
                    .computeIfAbsent(target, t -> new ArrayDeque<>()), measuredImpact);
            append(byStrategy.computeIfAbsent(strategy, s -> new ArrayDeque<>()), measuredImpact);
        }
    }

    /** How many outcomes are kept for {@code strategy} on {@code target} (at most {@code maxOutcomes}). */
    public int outcomes(String strategy, String target) {
        synchronized (lock) {
            Deque<Double> own = byStrategyAndTarget.getOrDefault(strategy, Map.of()).get(target);
            return own == null ? 0 : own.size();
        }
    }

    private void append(Deque<Double> outcomes, double measuredImpact) {
        outcomes.addLast(measuredImpact);
        while (outcomes.size() > maxOutcomes) {
            outcomes.removeFirst();
        }
    }

    private static double[] toArray(Deque<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double clamp(double x, double low, double high) {
        return Double.isNaN(x) ? low : Math.max(low, Math.min(high, x));
    }

    /** Builds an {@link ImpactLearner}; every setter checks its argument. */
    public static final class Builder {
        private int maxOutcomes = 20;
        private double priorWeight = 3;
        private double spreadScale = 0.1;

        private Builder() {
        }

        /** How many of the latest outcomes are kept per strategy and target (and per strategy overall). */
        public Builder maxOutcomes(int maxOutcomes) {
            if (maxOutcomes < 1) {
                throw new IllegalArgumentException("maxOutcomes must be at least 1: " + maxOutcomes);
            }
            this.maxOutcomes = maxOutcomes;
            return this;
        }

        /** How many outcomes the strategy's model is worth. */
        public Builder priorWeight(double priorWeight) {
            if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
                throw new IllegalArgumentException("priorWeight must be positive: " + priorWeight);
            }
            this.priorWeight = priorWeight;
            return this;
        }

        /** The spread (standard deviation of the measured impacts) at which learned confidence is one half. */
        public Builder spreadScale(double spreadScale) {
            if (!(spreadScale > 0) || Double.isInfinite(spreadScale)) {
                throw new IllegalArgumentException("spreadScale must be positive: " + spreadScale);
            }
            this.spreadScale = spreadScale;
            return this;
        }

        public ImpactLearner build() {
            return new ImpactLearner(this);
        }
    }
}
