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
 * Moves the adaptive concurrency limiter's ceiling ({@code limiter.max-limit}) when the algorithm is pinned
 * against it: the newest {@code gauge.crowdpulse_limiter_limit} at or above {@code pinnedShare} of the ceiling.
 * <ul>
 * <li>Latency high while pinned (mean p99 at or above {@code p99TargetMs}): the ceiling admits more than the
 * target serves well, so lower it {@code × shrinkFactor} (never below {@code limiter.min-limit}). Model impact:
 * half the share of p99 above target, {@code 0.5 × (p99 − target) / p99}, at most 0.3.</li>
 * <li>Pinned with headroom: mean CPU at most {@code cpuHeadroom}, mean p99 at most {@code lowLatencyShare} of
 * the target and the limit in use (mean in-flight at least {@code minInflightShare} of the limit): the ceiling,
 * not the target, holds it back, so raise it {@code × growFactor}. Model impact: the throttled share when
 * reported (at most 0.3), else 0.05.</li>
 * </ul>
 * Needs the knob, the limiter limit and {@code http.p99_ms}; raising also needs CPU and the in-flight gauge.
 */
public final class LimiterBoundsStrategy implements Strategy {

    public static final String NAME = "limiter-bounds";

    private final int priority;
    private final double pinnedShare;
    private final double p99TargetMs;
    private final double lowLatencyShare;
    private final double cpuHeadroom;
    private final double minInflightShare;
    private final double growFactor;
    private final double shrinkFactor;
    private final double confidence;

    private LimiterBoundsStrategy(Builder b) {
        this.priority = b.priority;
        this.pinnedShare = b.pinnedShare;
        this.p99TargetMs = b.p99TargetMs;
        this.lowLatencyShare = b.lowLatencyShare;
        this.cpuHeadroom = b.cpuHeadroom;
        this.minInflightShare = b.minInflightShare;
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
        return format("When the concurrency limit sits at %s or more of limiter.max-limit: lowers the ceiling ×%s "
                + "if p99 is %s ms or more; raises it ×%s if CPU is at most %s, p99 at most %s ms and the limit "
                + "in use.",
                pct(pinnedShare), num(shrinkFactor), num(p99TargetMs), num(growFactor), pct(cpuHeadroom),
                num(p99TargetMs * lowLatencyShare));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.LIMITER_MAX_LIMIT);
        Optional<SeriesFigures> limitSeries = figures.series(Metrics.LIMITER_LIMIT);
        Optional<SeriesFigures> p99Series = figures.series(Metrics.P99_MS);
        if (knob.isEmpty() || limitSeries.isEmpty() || p99Series.isEmpty()) {
            return Optional.empty();
        }
        double ceiling = Knobs.value(knob.get());
        double limit = limitSeries.get().latest();
        double p99 = p99Series.get().mean();
        if (!(ceiling > 0) || !(limit >= pinnedShare * ceiling) || Double.isNaN(p99)) {
            return Optional.empty();
        }
        if (p99 >= p99TargetMs) {
            double floor = figures.knob(KnobNames.LIMITER_MIN_LIMIT).map(Knobs::value).orElse(Double.NaN);
            double desired = Double.isNaN(floor) ? ceiling * shrinkFactor : Math.max(floor, ceiling * shrinkFactor);
            if (!(desired < ceiling)) {
                return Optional.empty();
            }
            return Knobs.propose(NAME, figures, knob.get(), desired, Math.min(0.3, 0.5 * (p99 - p99TargetMs) / p99),
                    Knobs.confidence(confidence, limitSeries.get(), p99Series.get()), Risk.MEDIUM, priority,
                    format("limit %s pinned at the ceiling %s with p99 %s ms (target %s ms)", num(limit),
                            num(ceiling), num(p99), num(p99TargetMs)));
        }
        Optional<SeriesFigures> cpuSeries = figures.series(Metrics.CPU);
        Optional<SeriesFigures> inflightSeries = figures.series(Metrics.LIMITER_INFLIGHT);
        if (cpuSeries.isEmpty() || inflightSeries.isEmpty()) {
            return Optional.empty();
        }
        double cpu = cpuSeries.get().mean();
        double inflight = inflightSeries.get().mean();
        boolean inUse = inflight >= minInflightShare * limit;
        if (!(cpu <= cpuHeadroom) || !(p99 <= p99TargetMs * lowLatencyShare) || !inUse) {
            return Optional.empty();
        }
        double throttled = figures.mean(Metrics.THROTTLED_RATE);
        double impact = Double.isNaN(throttled) ? 0.05 : Math.min(0.3, throttled);
        return Knobs.propose(NAME, figures, knob.get(), ceiling * growFactor, impact,
                Knobs.confidence(confidence, limitSeries.get(), p99Series.get(), cpuSeries.get(), inflightSeries.get()),
                Risk.MEDIUM, priority, format("limit %s pinned at the ceiling %s with %s in flight, CPU %s, p99 %s ms, "
                        + "throttled %s", num(limit), num(ceiling), num(inflight), pct(cpu), num(p99), pct(throttled)));
    }

    /** Builds a {@link LimiterBoundsStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 65;
        private double pinnedShare = 0.95;
        private double p99TargetMs = 250;
        private double lowLatencyShare = 0.5;
        private double cpuHeadroom = 0.7;
        private double minInflightShare = 0.8;
        private double growFactor = 1.5;
        private double shrinkFactor = 0.75;
        private double confidence = 0.5;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Share of the ceiling (0..1) from which the limit counts as pinned against it. */
        public Builder pinnedShare(double pinnedShare) {
            Knobs.checkFraction("pinnedShare", pinnedShare);
            this.pinnedShare = pinnedShare;
            return this;
        }

        /** The p99 latency a target should keep. */
        public Builder p99TargetMs(double p99TargetMs) {
            Knobs.checkPositive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        /** Share of the p99 target (0..1) at or below which latency counts as low. */
        public Builder lowLatencyShare(double lowLatencyShare) {
            Knobs.checkFraction("lowLatencyShare", lowLatencyShare);
            this.lowLatencyShare = lowLatencyShare;
            return this;
        }

        /** Mean CPU (0..1) at or below which the target can take more concurrent requests. */
        public Builder cpuHeadroom(double cpuHeadroom) {
            Knobs.checkFraction("cpuHeadroom", cpuHeadroom);
            this.cpuHeadroom = cpuHeadroom;
            return this;
        }

        /** In-flight share of the limit (0..1) from which the limit counts as in use. */
        public Builder minInflightShare(double minInflightShare) {
            Knobs.checkFraction("minInflightShare", minInflightShare);
            this.minInflightShare = minInflightShare;
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

        public LimiterBoundsStrategy build() {
            return new LimiterBoundsStrategy(this);
        }
    }
}
