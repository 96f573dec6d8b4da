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
 * Sets the query partition's own ceiling ({@code limiter.query-max-inflight}) when the adaptive limit lets
 * more queries in than the cores can serve. One learned limit follows the latency of every request, so on a
 * service whose queries are expensive (long-range history reads) it admits far more of them than there are
 * cores, and they queue for CPU: {@code bench/overload.sh} measured p99 64 × the unloaded one with the
 * default limiter, 2.1 × with the query ceiling at cores + 1, goodput 92 % of peak either way.
 * <ul>
 * <li>Queries pile up on a saturated machine: the limiter sheds (mean throttled share at least
 * {@code minThrottled}), mean CPU at least {@code cpuSaturated}, mean p99 at least {@code p99TargetMs}, and
 * mean queries in flight at least {@code pileUpFactor} × (cores + 1), above the ceiling's own value: hold
 * queries at cores + 1. Model impact: half the share of p99 above target, at most 0.3.</li>
 * <li>The ceiling holds back a target with headroom: queries in flight at the ceiling (mean at least
 * {@code pinnedShare} of it), the limiter shedding, mean CPU at most {@code cpuHeadroom}: raise it
 * {@code × growFactor}. Model impact: the throttled share, at most 0.3.</li>
 * </ul>
 * Needs the knob, the query in-flight gauge, CPU, the throttled share and (to hold) the core count and p99.
 */
public final class QueryCeilingStrategy implements Strategy {

    public static final String NAME = "query-ceiling";

    private final int priority;
    private final double minThrottled;
    private final double cpuSaturated;
    private final double cpuHeadroom;
    private final double p99TargetMs;
    private final double pileUpFactor;
    private final double pinnedShare;
    private final double growFactor;
    private final double confidence;

    private QueryCeilingStrategy(Builder b) {
        this.priority = b.priority;
        this.minThrottled = b.minThrottled;
        this.cpuSaturated = b.cpuSaturated;
        this.cpuHeadroom = b.cpuHeadroom;
        this.p99TargetMs = b.p99TargetMs;
        this.pileUpFactor = b.pileUpFactor;
        this.pinnedShare = b.pinnedShare;
        this.growFactor = b.growFactor;
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
        return format("When the limiter sheds with CPU at %s or more, p99 %s ms or more and queries in flight %s × "
                + "the cores + 1 or more: holds queries at cores + 1 (limiter.query-max-inflight); when queries sit "
                + "at that ceiling with CPU at most %s: raises it ×%s.",
                pct(cpuSaturated), num(p99TargetMs), num(pileUpFactor), pct(cpuHeadroom), num(growFactor));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.LIMITER_QUERY_MAX_INFLIGHT);
        Optional<SeriesFigures> inflightSeries = figures.series(Metrics.LIMITER_QUERY_INFLIGHT);
        Optional<SeriesFigures> cpuSeries = figures.series(Metrics.CPU);
        Optional<SeriesFigures> throttledSeries = figures.series(Metrics.THROTTLED_RATE);
        if (knob.isEmpty() || inflightSeries.isEmpty() || cpuSeries.isEmpty() || throttledSeries.isEmpty()) {
            return Optional.empty();
        }
        double ceiling = Knobs.value(knob.get());
        double inflight = inflightSeries.get().mean();
        double cpu = cpuSeries.get().mean();
        double throttled = throttledSeries.get().mean();
        if (!(throttled >= minThrottled) || !(ceiling > 0)) {
            return Optional.empty();
        }
        Optional<SeriesFigures> coresSeries = figures.series(Metrics.CPU_COUNT);
        Optional<SeriesFigures> p99Series = figures.series(Metrics.P99_MS);
        if (coresSeries.isPresent() && p99Series.isPresent() && cpu >= cpuSaturated) {
            double cores = Math.rint(coresSeries.get().latest());
            double held = cores + 1;
            double p99 = p99Series.get().mean();
            if (cores >= 1 && held < ceiling && inflight >= pileUpFactor * held && p99 >= p99TargetMs) {
                return Knobs.propose(NAME, figures, knob.get(), held, Math.min(0.3, 0.5 * (p99 - p99TargetMs) / p99),
                        Knobs.confidence(confidence, inflightSeries.get(), cpuSeries.get(), throttledSeries.get(),
                                p99Series.get()),
                        Risk.MEDIUM, priority, format("%s queries in flight on %s cores, CPU %s, p99 %s ms (target %s ms), "
                                + "throttled %s", num(inflight), num(cores), pct(cpu), num(p99), num(p99TargetMs),
                                pct(throttled)));
            }
        }
        if (cpu <= cpuHeadroom && inflight >= pinnedShare * ceiling) {
            return Knobs.propose(NAME, figures, knob.get(), Math.ceil(ceiling * growFactor), Math.min(0.3, throttled),
                    Knobs.confidence(confidence, inflightSeries.get(), cpuSeries.get(), throttledSeries.get()),
                    Risk.MEDIUM, priority, format("%s queries in flight at the ceiling %s, CPU %s, throttled %s",
                            num(inflight), num(ceiling), pct(cpu), pct(throttled)));
        }
        return Optional.empty();
    }

    /** Builds a {@link QueryCeilingStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 67;
        private double minThrottled = 0.05;
        private double cpuSaturated = 0.9;
        private double cpuHeadroom = 0.7;
        private double p99TargetMs = 250;
        private double pileUpFactor = 2;
        private double pinnedShare = 0.9;
        private double growFactor = 2;
        private double confidence = 0.5;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean share (0..1) of 429/503 answers from which the limiter counts as shedding. */
        public Builder minThrottled(double minThrottled) {
            Knobs.checkFraction("minThrottled", minThrottled);
            this.minThrottled = minThrottled;
            return this;
        }

        /** Mean CPU (0..1) from which the machine counts as saturated. */
        public Builder cpuSaturated(double cpuSaturated) {
            Knobs.checkFraction("cpuSaturated", cpuSaturated);
            this.cpuSaturated = cpuSaturated;
            return this;
        }

        /** Mean CPU (0..1) at or below which the target can serve more queries at once. */
        public Builder cpuHeadroom(double cpuHeadroom) {
            Knobs.checkFraction("cpuHeadroom", cpuHeadroom);
            this.cpuHeadroom = cpuHeadroom;
            return this;
        }

        /** The p99 latency a target should keep. */
        public Builder p99TargetMs(double p99TargetMs) {
            Knobs.checkPositive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        /** How many times cores + 1 queries in flight count as piling up. */
        public Builder pileUpFactor(double pileUpFactor) {
            Knobs.checkAbove("pileUpFactor", pileUpFactor, 1);
            this.pileUpFactor = pileUpFactor;
            return this;
        }

        /** Share of the ceiling (0..1) from which queries in flight count as held by it. */
        public Builder pinnedShare(double pinnedShare) {
            Knobs.checkFraction("pinnedShare", pinnedShare);
            this.pinnedShare = pinnedShare;
            return this;
        }

        public Builder growFactor(double growFactor) {
            Knobs.checkAbove("growFactor", growFactor, 1);
            this.growFactor = growFactor;
            return this;
        }

        public Builder confidence(double confidence) {
            Knobs.checkFraction("confidence", confidence);
            this.confidence = confidence;
            return this;
        }

        public QueryCeilingStrategy build() {
            return new QueryCeilingStrategy(this);
        }
    }
}
