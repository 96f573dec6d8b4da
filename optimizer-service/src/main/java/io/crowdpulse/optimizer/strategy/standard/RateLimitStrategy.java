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
 * Tunes the per-client rate limit ({@code ratelimit.per-client-rate}) from errors, throttling and CPU.
 * <ul>
 * <li>Errors under load: mean {@code http.error_rate} at or above {@code highErrorRate} while CPU is at or above
 * {@code cpuLoaded} or p99 at or above {@code p99TargetMs}: lower the rate {@code × shrinkFactor}, so the excess
 * is refused early with 429 instead of failing late. Model impact: the error rate, at most 0.3.</li>
 * <li>Needless throttling: mean {@code http.throttled_rate} at or above {@code highThrottledRate} while CPU is at
 * most {@code cpuHeadroom}, errors stay below {@code highErrorRate} and the concurrency limiter (when reported)
 * is not full — so the 429s are the rate limit's, not the limiter's 503s: raise the rate to admit the demand
 * it turns away, {@code rate / (1 − throttled)}, at least ×1.25 and at most ×{@code maxGrowth}. Model impact:
 * the throttled share, at most 0.3.</li>
 * </ul>
 * Needs the knob and {@code system.cpu}; plus {@code http.error_rate} to lower, {@code http.throttled_rate} to
 * raise.
 */
public final class RateLimitStrategy implements Strategy {

    public static final String NAME = "rate-limiting";

    private final int priority;
    private final double highErrorRate;
    private final double highThrottledRate;
    private final double cpuHeadroom;
    private final double cpuLoaded;
    private final double p99TargetMs;
    private final double limiterFull;
    private final double maxGrowth;
    private final double shrinkFactor;
    private final double confidence;

    private RateLimitStrategy(Builder b) {
        this.priority = b.priority;
        this.highErrorRate = b.highErrorRate;
        this.highThrottledRate = b.highThrottledRate;
        this.cpuHeadroom = b.cpuHeadroom;
        this.cpuLoaded = b.cpuLoaded;
        this.p99TargetMs = b.p99TargetMs;
        this.limiterFull = b.limiterFull;
        this.maxGrowth = b.maxGrowth;
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
        return format("When errors reach %s under load (CPU %s or p99 %s ms), lowers ratelimit.per-client-rate ×%s; "
                + "when %s or more of requests are throttled while CPU is at most %s, raises it (at most ×%s).",
                pct(highErrorRate), pct(cpuLoaded), num(p99TargetMs), num(shrinkFactor), pct(highThrottledRate),
                pct(cpuHeadroom), num(maxGrowth));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.RATE_LIMIT_RATE);
        Optional<SeriesFigures> cpuSeries = figures.series(Metrics.CPU);
        if (knob.isEmpty() || cpuSeries.isEmpty()) {
            return Optional.empty();
        }
        double rate = Knobs.value(knob.get());
        double cpu = cpuSeries.get().mean();
        double errors = figures.mean(Metrics.ERROR_RATE);
        double p99 = figures.mean(Metrics.P99_MS);
        if (!(rate > 0) || Double.isNaN(cpu)) {
            return Optional.empty();
        }
        if (errors >= highErrorRate && (cpu >= cpuLoaded || p99 >= p99TargetMs)) {
            return Knobs.propose(NAME, figures, knob.get(), rate * shrinkFactor, Math.min(0.3, errors),
                    Knobs.confidence(confidence, cpuSeries.get(), figures.series(Metrics.ERROR_RATE).get()),
                    Risk.MEDIUM, priority,
                    format("error rate %s under load (CPU %s, p99 %s ms)", pct(errors), pct(cpu), num(p99)));
        }
        Optional<SeriesFigures> throttledSeries = figures.series(Metrics.THROTTLED_RATE);
        if (throttledSeries.isEmpty()) {
            return Optional.empty();
        }
        double throttled = throttledSeries.get().mean();
        double limit = figures.mean(Metrics.LIMITER_LIMIT);
        double inflight = figures.mean(Metrics.LIMITER_INFLIGHT);
        boolean limiterFullNow = limit > 0 && inflight >= limiterFull * limit;
        if (!(throttled >= highThrottledRate) || cpu > cpuHeadroom || errors >= highErrorRate || limiterFullNow) {
            return Optional.empty();
        }
        double growth = Math.max(1.25, Math.min(maxGrowth, 1 / Math.max(1e-6, 1 - throttled)));
        return Knobs.propose(NAME, figures, knob.get(), rate * growth, Math.min(0.3, throttled),
                Knobs.confidence(confidence, cpuSeries.get(), throttledSeries.get()), Risk.MEDIUM, priority,
                format("%s of requests throttled while CPU is %s (errors %s)", pct(throttled), pct(cpu),
                        pct(errors)));
    }

    /** Builds a {@link RateLimitStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 85;
        private double highErrorRate = 0.05;
        private double highThrottledRate = 0.05;
        private double cpuHeadroom = 0.6;
        private double cpuLoaded = 0.85;
        private double p99TargetMs = 250;
        private double limiterFull = 0.9;
        private double maxGrowth = 2.0;
        private double shrinkFactor = 0.75;
        private double confidence = 0.5;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean error rate (0..1) from which errors count as high. */
        public Builder highErrorRate(double highErrorRate) {
            Knobs.checkFraction("highErrorRate", highErrorRate);
            this.highErrorRate = highErrorRate;
            return this;
        }

        /** Mean share of 429/503 answers (0..1) from which throttling counts as high. */
        public Builder highThrottledRate(double highThrottledRate) {
            Knobs.checkFraction("highThrottledRate", highThrottledRate);
            this.highThrottledRate = highThrottledRate;
            return this;
        }

        /** Mean CPU (0..1) at or below which the target can take more requests. */
        public Builder cpuHeadroom(double cpuHeadroom) {
            Knobs.checkFraction("cpuHeadroom", cpuHeadroom);
            this.cpuHeadroom = cpuHeadroom;
            return this;
        }

        /** Mean CPU (0..1) from which the target counts as under load. */
        public Builder cpuLoaded(double cpuLoaded) {
            Knobs.checkFraction("cpuLoaded", cpuLoaded);
            this.cpuLoaded = cpuLoaded;
            return this;
        }

        /** The p99 latency a target should keep; above it the target counts as under load. */
        public Builder p99TargetMs(double p99TargetMs) {
            Knobs.checkPositive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        /** In-flight share of the limiter's limit (0..1) from which throttling is the limiter's doing. */
        public Builder limiterFull(double limiterFull) {
            Knobs.checkFraction("limiterFull", limiterFull);
            this.limiterFull = limiterFull;
            return this;
        }

        public Builder maxGrowth(double maxGrowth) {
            if (!(maxGrowth >= 1.25) || Double.isInfinite(maxGrowth)) {
                throw new IllegalArgumentException("maxGrowth must be at least 1.25: " + maxGrowth);
            }
            this.maxGrowth = maxGrowth;
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

        public RateLimitStrategy build() {
            return new RateLimitStrategy(this);
        }
    }
}
