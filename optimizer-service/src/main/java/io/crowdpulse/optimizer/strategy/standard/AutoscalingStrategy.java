package io.crowdpulse.optimizer.strategy.standard;

import static io.crowdpulse.optimizer.strategy.standard.Knobs.format;
import static io.crowdpulse.optimizer.strategy.standard.Knobs.num;
import static io.crowdpulse.optimizer.strategy.standard.Knobs.pct;

import java.util.Optional;
import java.util.OptionalDouble;

import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;
import io.crowdpulse.optimizer.strategy.Strategy;

/**
 * Changes a target's replica count (the pseudo-knob {@link Proposal#REPLICAS}) from CPU and latency across its
 * replicas, the way the Kubernetes HPA does: {@code desired = ceil(replicas × cpu / cpuTarget)}, within
 * {@code [minReplicas, maxReplicas]}, narrowed further by the target's {@code k8s.replicas} knob. The optimizer
 * reports that knob only for targets whose Deployment it can scale, so by default the strategy applies only to
 * those ({@code requireReplicaKnob(false)} recommends scaling any target, e.g. to an operator outside Kubernetes).
 * <ul>
 * <li>Scale out: mean CPU at or above {@code cpuHigh} and mean p99 at or above {@code p99TargetMs}; at least one
 * more replica. Model impact: the capacity added, {@code 1 − from / to}, at most 0.4.</li>
 * <li>Scale in: mean CPU at most {@code cpuLow} and p99 at most half the target; at least one replica fewer.
 * Model impact 0; it gives back resources, so its priority is half the strategy's.</li>
 * </ul>
 * Needs {@code system.cpu}, {@code http.p99_ms} and (by default) the {@code k8s.replicas} knob.
 */
public final class AutoscalingStrategy implements Strategy {

    public static final String NAME = "autoscaling";

    private final int priority;
    private final int minReplicas;
    private final int maxReplicas;
    private final double cpuHigh;
    private final double cpuLow;
    private final double cpuTarget;
    private final double p99TargetMs;
    private final double confidence;
    private final boolean requireReplicaKnob;

    private AutoscalingStrategy(Builder b) {
        this.priority = b.priority;
        this.minReplicas = b.minReplicas;
        this.maxReplicas = b.maxReplicas;
        this.cpuHigh = b.cpuHigh;
        this.cpuLow = b.cpuLow;
        this.cpuTarget = b.cpuTarget;
        this.p99TargetMs = b.p99TargetMs;
        this.confidence = b.confidence;
        this.requireReplicaKnob = b.requireReplicaKnob;
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
        return format("When CPU is %s or more and p99 %s ms or more, raises k8s.replicas towards %s CPU (at most %d); "
                + "when CPU is at most %s and p99 at most %s ms, lowers it (at least %d).%s", pct(cpuHigh),
                num(p99TargetMs), pct(cpuTarget), maxReplicas, pct(cpuLow), num(p99TargetMs / 2), minReplicas,
                requireReplicaKnob ? " Only for targets whose Deployment the optimizer scales." : "");
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<SeriesFigures> cpuSeries = figures.series(Metrics.CPU);
        Optional<SeriesFigures> p99Series = figures.series(Metrics.P99_MS);
        if (cpuSeries.isEmpty() || p99Series.isEmpty() || figures.replicas() < 1) {
            return Optional.empty();
        }
        double cpu = cpuSeries.get().mean();
        double p99 = p99Series.get().mean();
        if (Double.isNaN(cpu) || Double.isNaN(p99)) {
            return Optional.empty();
        }
        int replicas = figures.replicas();
        double low = minReplicas;
        double high = maxReplicas;
        Optional<KnobView> knob = figures.knob(Proposal.REPLICAS);
        if (knob.isEmpty() && requireReplicaKnob) {
            return Optional.empty();
        }
        if (knob.isPresent()) {
            low = Math.max(low, Knobs.min(knob.get()));
            high = Math.min(high, Knobs.max(knob.get()));
        }
        double hpa = replicas * cpu / cpuTarget;
        double confidence = Knobs.confidence(this.confidence, cpuSeries.get(), p99Series.get());
        if (cpu >= cpuHigh && p99 >= p99TargetMs) {
            OptionalDouble to = Knobs.target(replicas, Math.max(replicas + 1, hpa), low, high, true);
            double impact = to.isEmpty() ? 0 : Math.min(0.4, 1 - replicas / to.getAsDouble());
            return Knobs.propose(NAME, figures.target(), Proposal.REPLICAS, replicas, to, impact, confidence, Risk.LOW,
                    priority, format("CPU %s and p99 %s ms (target %s ms) across %d replicas", pct(cpu), num(p99),
                            num(p99TargetMs), replicas));
        }
        if (cpu <= cpuLow && p99 <= p99TargetMs / 2) {
            OptionalDouble to = Knobs.target(replicas, Math.min(replicas - 1, Math.ceil(hpa)), low, high, true);
            return Knobs.propose(NAME, figures.target(), Proposal.REPLICAS, replicas, to, 0, confidence, Risk.MEDIUM,
                    priority / 2, format("CPU %s and p99 %s ms across %d replicas", pct(cpu), num(p99), replicas));
        }
        return Optional.empty();
    }

    /** Builds an {@link AutoscalingStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 90;
        private int minReplicas = 1;
        private int maxReplicas = 10;
        private double cpuHigh = 0.8;
        private double cpuLow = 0.3;
        private double cpuTarget = 0.6;
        private double p99TargetMs = 250;
        private double confidence = 0.6;
        private boolean requireReplicaKnob = true;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder minReplicas(int minReplicas) {
            if (minReplicas < 1) {
                throw new IllegalArgumentException("minReplicas must be at least 1: " + minReplicas);
            }
            this.minReplicas = minReplicas;
            return this;
        }

        public Builder maxReplicas(int maxReplicas) {
            if (maxReplicas < 1) {
                throw new IllegalArgumentException("maxReplicas must be at least 1: " + maxReplicas);
            }
            this.maxReplicas = maxReplicas;
            return this;
        }

        /** Mean CPU (0..1) from which the target needs more replicas (when latency suffers too). */
        public Builder cpuHigh(double cpuHigh) {
            Knobs.checkFraction("cpuHigh", cpuHigh);
            this.cpuHigh = cpuHigh;
            return this;
        }

        /** Mean CPU (0..1) at or below which the target can do with fewer replicas. */
        public Builder cpuLow(double cpuLow) {
            Knobs.checkFraction("cpuLow", cpuLow);
            this.cpuLow = cpuLow;
            return this;
        }

        /** The CPU (0..1) the new replica count is sized for. */
        public Builder cpuTarget(double cpuTarget) {
            if (!(cpuTarget > 0 && cpuTarget <= 1)) {
                throw new IllegalArgumentException("cpuTarget must be within (0, 1]: " + cpuTarget);
            }
            this.cpuTarget = cpuTarget;
            return this;
        }

        /** The p99 latency a target should keep. */
        public Builder p99TargetMs(double p99TargetMs) {
            Knobs.checkPositive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        public Builder confidence(double confidence) {
            Knobs.checkFraction("confidence", confidence);
            this.confidence = confidence;
            return this;
        }

        /** Whether the strategy applies only to targets that report a {@code k8s.replicas} knob (the default). */
        public Builder requireReplicaKnob(boolean requireReplicaKnob) {
            this.requireReplicaKnob = requireReplicaKnob;
            return this;
        }

        public AutoscalingStrategy build() {
            if (minReplicas > maxReplicas) {
                throw new IllegalStateException("minReplicas " + minReplicas + " exceeds maxReplicas " + maxReplicas);
            }
            return new AutoscalingStrategy(this);
        }
    }
}
