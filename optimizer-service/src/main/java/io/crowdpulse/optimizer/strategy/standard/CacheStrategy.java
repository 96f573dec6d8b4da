package io.crowdpulse.optimizer.strategy.standard;

import static io.crowdpulse.optimizer.strategy.standard.Knobs.format;
import static io.crowdpulse.optimizer.strategy.standard.Knobs.num;
import static io.crowdpulse.optimizer.strategy.standard.Knobs.pct;

import java.util.Optional;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;
import io.crowdpulse.optimizer.strategy.Strategy;

/**
 * Tunes how long cached answers live ({@code cache.ttl}) from the hit ratio, latency and memory.
 * <ul>
 * <li>Misses cost latency: mean {@code gauge.crowdpulse_cache_hit_ratio} below {@code lowHitRatio} while mean
 * p95 is at or above {@code p95TargetMs}: a longer TTL, {@code × growFactor}. Model impact: the miss share times
 * the share of p95 above its target, {@code (1 − hit) × (p95 − target) / p95}, at most 0.3.</li>
 * <li>Memory pressure with a cache that hits well: mean {@code system.memory} at or above {@code memoryPressure}
 * and hit ratio at or above {@code highHitRatio} while p95 is within target: a shorter TTL,
 * {@code × shrinkFactor}, frees memory at little cost. Model impact 0.02; it gives back resources, so its
 * priority is half the strategy's.</li>
 * </ul>
 * Needs the knob, the hit ratio and {@code http.p95_ms}; shortening also needs {@code system.memory}.
 */
public final class CacheStrategy implements Strategy {

    public static final String NAME = "cache";

    private final int priority;
    private final double lowHitRatio;
    private final double highHitRatio;
    private final double p95TargetMs;
    private final double memoryPressure;
    private final double growFactor;
    private final double shrinkFactor;
    private final double confidence;

    private CacheStrategy(Builder b) {
        this.priority = b.priority;
        this.lowHitRatio = b.lowHitRatio;
        this.highHitRatio = b.highHitRatio;
        this.p95TargetMs = b.p95TargetMs;
        this.memoryPressure = b.memoryPressure;
        this.growFactor = b.growFactor;
        this.shrinkFactor = b.shrinkFactor;
        this.confidence = b.confidence;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return format("When the cache hit ratio is below %s and p95 is %s ms or more, raises cache.ttl ×%s; when "
                + "memory is at %s or more and the hit ratio at least %s with p95 within target, lowers it ×%s.",
                pct(lowHitRatio), num(p95TargetMs), num(growFactor), pct(memoryPressure), pct(highHitRatio),
                num(shrinkFactor));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.CACHE_TTL);
        Optional<SeriesFigures> hitSeries = figures.series(Metrics.CACHE_HIT_RATIO);
        Optional<SeriesFigures> p95Series = figures.series(Metrics.P95_MS);
        if (knob.isEmpty() || hitSeries.isEmpty() || p95Series.isEmpty()) {
            return Optional.empty();
        }
        double ttl = Knobs.value(knob.get());
        double hit = hitSeries.get().mean();
        double p95 = p95Series.get().mean();
        if (!(ttl > 0) || Double.isNaN(hit) || Double.isNaN(p95)) {
            return Optional.empty();
        }
        if (hit < lowHitRatio && p95 >= p95TargetMs) {
            double impact = Math.min(0.3, (1 - hit) * (p95 - p95TargetMs) / p95);
            return Knobs.propose(NAME, figures, knob.get(), ttl * growFactor, impact,
                    Knobs.confidence(confidence, hitSeries.get(), p95Series.get()), Risk.LOW, priority,
                    format("cache hit ratio %s with p95 %s ms (target %s ms)", pct(hit), num(p95), num(p95TargetMs)));
        }
        double memory = figures.mean(Metrics.MEMORY);
        if (memory >= memoryPressure && hit >= highHitRatio && p95 < p95TargetMs) {
            return Knobs.propose(NAME, figures, knob.get(), ttl * shrinkFactor, 0.02,
                    Knobs.confidence(confidence, hitSeries.get(), p95Series.get()), Risk.LOW, priority / 2,
                    format("memory %s while the cache hits %s and p95 is %s ms", pct(memory), pct(hit), num(p95)));
        }
        return Optional.empty();
    }

    /** Builds a {@link CacheStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 50;
        private double lowHitRatio = 0.8;
        private double highHitRatio = 0.95;
        private double p95TargetMs = 200;
        private double memoryPressure = 0.9;
        private double growFactor = 2.0;
        private double shrinkFactor = 0.5;
        private double confidence = 0.5;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean hit ratio (0..1) below which misses may cost latency. */
        public Builder lowHitRatio(double lowHitRatio) {
            Knobs.checkFraction("lowHitRatio", lowHitRatio);
            this.lowHitRatio = lowHitRatio;
            return this;
        }

        /** Mean hit ratio (0..1) from which the cache can afford a shorter TTL. */
        public Builder highHitRatio(double highHitRatio) {
            Knobs.checkFraction("highHitRatio", highHitRatio);
            this.highHitRatio = highHitRatio;
            return this;
        }

        /** The p95 latency a target should keep. */
        public Builder p95TargetMs(double p95TargetMs) {
            Knobs.checkPositive("p95TargetMs", p95TargetMs);
            this.p95TargetMs = p95TargetMs;
            return this;
        }

        /** Mean memory use (0..1) from which memory counts as under pressure. */
        public Builder memoryPressure(double memoryPressure) {
            Knobs.checkFraction("memoryPressure", memoryPressure);
            this.memoryPressure = memoryPressure;
            return this;
        }

        public Builder growFactor(double growFactor) {
            Knobs.checkAbove("growFactor", growFactor, 1);
            this.growFactor = growFactor;
            return this;
        }

        public Builder shrinkFactor(double shrinkFactor) {
            Knobs.checkShrink("shrinkFactor", shrinkFactor);
            this.shrinkFactor = shrinkFactor;
            return this;
        }

        public Builder confidence(double confidence) {
            Knobs.checkFraction("confidence", confidence);
            this.confidence = confidence;
            return this;
        }

        public CacheStrategy build() {
            return new CacheStrategy(this);
        }
    }
}
