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
 * Sizes the background worker pool ({@code workers.pool-size}) from CPU and the workers queue.
 * <ul>
 * <li>CPU saturated (mean {@code system.cpu} at or above {@code cpuSaturated}) while the pool is busy (its usage
 * at or above {@code busyUsage}, or not reported): fewer workers, {@code × shrinkFactor}, so threads stop
 * competing for cores. Model impact 0.1.</li>
 * <li>CPU headroom (mean CPU at or below {@code cpuHeadroom}) with the queue backing up (at least
 * {@code minBacklog} items and not shrinking) and the pool busy: more workers. Workers that leave CPU idle wait
 * on I/O, so throughput grows about with their number until CPU reaches {@code cpuTarget}: the new size is
 * {@code size × min(maxGrowth, cpuTarget / cpu)}. Model impact {@code 0.25 × (to / from − 1)}, at most 0.3.</li>
 * </ul>
 * Needs the knob and {@code system.cpu}; growing also needs {@code queue.crowdpulse-workers.size}.
 */
public final class WorkerPoolStrategy implements Strategy {

    public static final String NAME = "worker-pool";

    private final int priority;
    private final double cpuHeadroom;
    private final double cpuTarget;
    private final double cpuSaturated;
    private final double minBacklog;
    private final double busyUsage;
    private final double maxGrowth;
    private final double shrinkFactor;
    private final double confidence;

    private WorkerPoolStrategy(Builder b) {
        this.priority = b.priority;
        this.cpuHeadroom = b.cpuHeadroom;
        this.cpuTarget = b.cpuTarget;
        this.cpuSaturated = b.cpuSaturated;
        this.minBacklog = b.minBacklog;
        this.busyUsage = b.busyUsage;
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
        return format("When CPU is at most %s and the workers queue backs up (%s or more items, not shrinking), "
                + "raises workers.pool-size towards %s CPU (at most ×%s); when CPU is %s or more with the pool busy, "
                + "lowers it ×%s.", pct(cpuHeadroom), num(minBacklog), pct(cpuTarget), num(maxGrowth),
                pct(cpuSaturated), num(shrinkFactor));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.WORKERS_POOL_SIZE);
        Optional<SeriesFigures> cpuSeries = figures.series(Metrics.CPU);
        if (knob.isEmpty() || cpuSeries.isEmpty()) {
            return Optional.empty();
        }
        double size = Knobs.value(knob.get());
        double cpu = cpuSeries.get().mean();
        if (!(size > 0) || Double.isNaN(cpu)) {
            return Optional.empty();
        }
        double usage = figures.mean(Metrics.WORKERS_POOL);
        boolean busy = Double.isNaN(usage) || usage >= busyUsage;
        if (cpu >= cpuSaturated && busy) {
            return Knobs.propose(NAME, figures, knob.get(), size * shrinkFactor, 0.1,
                    Knobs.confidence(confidence, cpuSeries.get()), Risk.MEDIUM, priority,
                    format("CPU %s with the worker pool busy (usage %s)", pct(cpu), pct(usage)));
        }
        Optional<SeriesFigures> queue = figures.series(Metrics.WORKERS_QUEUE);
        if (queue.isEmpty() || cpu > cpuHeadroom || !busy) {
            return Optional.empty();
        }
        double backlog = queue.get().latest();
        double slope = queue.get().slopePerSecond();
        if (!(backlog >= minBacklog) || slope < 0) {
            return Optional.empty();
        }
        double growth = Math.min(maxGrowth, cpuTarget / Math.max(cpu, 0.01));
        if (!(growth > 1)) {
            return Optional.empty(); // CPU already at its target: more workers would not add throughput
        }
        double desired = size * growth;
        double impact = Math.min(0.3, 0.25 * (Knobs.target(knob.get(), desired).orElse(size) / size - 1));
        return Knobs.propose(NAME, figures, knob.get(), desired, impact,
                Knobs.confidence(confidence, cpuSeries.get(), queue.get()), Risk.LOW, priority,
                format("CPU %s with %s queued (growing %s/s), pool usage %s", pct(cpu), num(backlog), num(slope),
                        pct(usage)));
    }

    /** Builds a {@link WorkerPoolStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 70;
        private double cpuHeadroom = 0.6;
        private double cpuTarget = 0.75;
        private double cpuSaturated = 0.9;
        private double minBacklog = 10;
        private double busyUsage = 0.8;
        private double maxGrowth = 2.0;
        private double shrinkFactor = 0.75;
        private double confidence = 0.6;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean CPU (0..1) at or below which there is room for more workers. */
        public Builder cpuHeadroom(double cpuHeadroom) {
            Knobs.checkFraction("cpuHeadroom", cpuHeadroom);
            this.cpuHeadroom = cpuHeadroom;
            return this;
        }

        /** CPU (0..1) the grown pool is sized to reach. */
        public Builder cpuTarget(double cpuTarget) {
            Knobs.checkFraction("cpuTarget", cpuTarget);
            this.cpuTarget = cpuTarget;
            return this;
        }

        /** Mean CPU (0..1) at or above which the pool shrinks. */
        public Builder cpuSaturated(double cpuSaturated) {
            Knobs.checkFraction("cpuSaturated", cpuSaturated);
            this.cpuSaturated = cpuSaturated;
            return this;
        }

        /** Queued items from which the queue counts as backing up. */
        public Builder minBacklog(double minBacklog) {
            Knobs.checkNonNegative("minBacklog", minBacklog);
            this.minBacklog = minBacklog;
            return this;
        }

        /** Pool usage (0..1) from which the pool counts as busy. */
        public Builder busyUsage(double busyUsage) {
            Knobs.checkFraction("busyUsage", busyUsage);
            this.busyUsage = busyUsage;
            return this;
        }

        public Builder maxGrowth(double maxGrowth) {
            Knobs.checkAbove("maxGrowth", maxGrowth, 1);
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

        public WorkerPoolStrategy build() {
            return new WorkerPoolStrategy(this);
        }
    }
}
