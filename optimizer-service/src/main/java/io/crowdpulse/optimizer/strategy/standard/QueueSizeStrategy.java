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
 * Sizes the background workers' queue ({@code workers.queue-capacity}) from its fill, its growth and memory.
 * <ul>
 * <li>Memory pressure (mean {@code system.memory} at or above {@code memoryPressure}) while the queue holds at
 * least {@code memoryFill} of its capacity: lower the capacity by {@code shrinkFactor}, so the queue cannot
 * pile work up in a heap that is running out. Model impact 0.05 (it averts failure rather than speeding up).</li>
 * <li>Otherwise, a queue holding at least {@code fillThreshold} of its capacity and still growing
 * (slope above {@code minGrowthPerSecond}): raise the capacity by {@code growFactor}, so bursts are absorbed
 * instead of rejected. Model impact {@code 0.2 × fill}, at most 0.2.</li>
 * </ul>
 * Needs the knob and {@code queue.crowdpulse-workers.size}; memory is optional (no pressure when absent).
 */
public final class QueueSizeStrategy implements Strategy {

    public static final String NAME = "queue-size";

    private final int priority;
    private final double fillThreshold;
    private final double minGrowthPerSecond;
    private final double memoryPressure;
    private final double memoryFill;
    private final double growFactor;
    private final double shrinkFactor;
    private final double confidence;

    private QueueSizeStrategy(Builder b) {
        this.priority = b.priority;
        this.fillThreshold = b.fillThreshold;
        this.minGrowthPerSecond = b.minGrowthPerSecond;
        this.memoryPressure = b.memoryPressure;
        this.memoryFill = b.memoryFill;
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
        return format("When the workers queue holds at least %s of its capacity and grows by more than %s/s, "
                + "raises workers.queue-capacity ×%s; when memory is at %s or more and the queue holds at least %s of "
                + "its capacity, lowers it ×%s.", pct(fillThreshold), num(minGrowthPerSecond), num(growFactor),
                pct(memoryPressure), pct(memoryFill), num(shrinkFactor));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.WORKERS_QUEUE_CAPACITY);
        Optional<SeriesFigures> queue = figures.series(Metrics.WORKERS_QUEUE);
        if (knob.isEmpty() || queue.isEmpty()) {
            return Optional.empty();
        }
        double capacity = Knobs.value(knob.get());
        if (!(capacity > 0) || Double.isNaN(queue.get().latest())) {
            return Optional.empty();
        }
        double size = queue.get().latest();
        double slope = queue.get().slopePerSecond();
        double fill = size / capacity;
        double memory = figures.mean(Metrics.MEMORY);
        boolean pressure = memory >= memoryPressure;
        if (pressure && fill >= memoryFill) {
            return propose(figures, knob.get(), capacity * shrinkFactor, 0.05, Risk.MEDIUM, queue.get(),
                    format("memory %s with the workers queue at %s/%s (%s)", pct(memory), num(size), num(capacity),
                            pct(fill)));
        }
        if (!pressure && fill >= fillThreshold && slope > minGrowthPerSecond) {
            return propose(figures, knob.get(), capacity * growFactor, Math.min(0.2, 0.2 * fill), Risk.MEDIUM,
                    queue.get(), format("workers queue at %s/%s (%s) growing %s/s, memory %s", num(size),
                            num(capacity), pct(fill), num(slope), pct(memory)));
        }
        return Optional.empty();
    }

    private Optional<Proposal> propose(TargetFigures figures, KnobView knob, double desired, double impact, Risk risk,
            SeriesFigures used, String why) {
        return Knobs.propose(NAME, figures, knob, desired, impact, Knobs.confidence(confidence, used), risk, priority,
                why);
    }

    /** Builds a {@link QueueSizeStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 75;
        private double fillThreshold = 0.8;
        private double minGrowthPerSecond = 0.0;
        private double memoryPressure = 0.85;
        private double memoryFill = 0.25;
        private double growFactor = 2.0;
        private double shrinkFactor = 0.5;
        private double confidence = 0.6;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Share of the capacity (0..1) at which a growing queue gets more room. */
        public Builder fillThreshold(double fillThreshold) {
            Knobs.checkFraction("fillThreshold", fillThreshold);
            this.fillThreshold = fillThreshold;
            return this;
        }

        /** Items per second the queue must grow by (slope over the window) to count as growing. */
        public Builder minGrowthPerSecond(double minGrowthPerSecond) {
            Knobs.checkNonNegative("minGrowthPerSecond", minGrowthPerSecond);
            this.minGrowthPerSecond = minGrowthPerSecond;
            return this;
        }

        /** Mean memory use (0..1) from which the queue is shrunk instead. */
        public Builder memoryPressure(double memoryPressure) {
            Knobs.checkFraction("memoryPressure", memoryPressure);
            this.memoryPressure = memoryPressure;
            return this;
        }

        /** Share of the capacity (0..1) the queue must hold for shrinking it to relieve memory. */
        public Builder memoryFill(double memoryFill) {
            Knobs.checkFraction("memoryFill", memoryFill);
            this.memoryFill = memoryFill;
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

        public QueueSizeStrategy build() {
            return new QueueSizeStrategy(this);
        }
    }
}
