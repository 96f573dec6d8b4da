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
 * Sizes the PostgreSQL connection pool ({@code db.pool-max-size}) from its usage and the threads waiting for it.
 * <ul>
 * <li>Pool waits: mean {@code gauge.crowdpulse_db_pool_waiting} at or above {@code minWaiting}, or mean
 * {@code pool.crowdpulse-db.usage} at or above {@code busyUsage}: raise the size by the waiters
 * ({@code size + waiting}), at least ×1.25 and at most ×{@code maxGrowth}. Model impact: the waiting share of
 * the demand, {@code waiting / (size + waiting)}, at most 0.4 (0.1 when only usage shows it).</li>
 * <li>An idle pool: the window's highest usage at or below {@code idleUsage} and nobody waiting: shrink it so that
 * peak would use {@code targetUsage} of it, {@code size × max(peak usage, 0.1) / targetUsage}, giving back
 * database connections. Model impact 0; it gives back resources, so its priority is half the strategy's.</li>
 * </ul>
 * Needs the knob and the usage or the waiting gauge (shrinking needs usage).
 */
public final class ConnectionPoolStrategy implements Strategy {

    public static final String NAME = "connection-pool";

    private final int priority;
    private final double minWaiting;
    private final double busyUsage;
    private final double idleUsage;
    private final double targetUsage;
    private final double maxGrowth;
    private final double confidence;

    private ConnectionPoolStrategy(Builder b) {
        this.priority = b.priority;
        this.minWaiting = b.minWaiting;
        this.busyUsage = b.busyUsage;
        this.idleUsage = b.idleUsage;
        this.targetUsage = b.targetUsage;
        this.maxGrowth = b.maxGrowth;
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
        return format("When %s or more threads wait for a database connection or the pool is %s used, raises "
                + "db.pool-max-size by the waiters (×1.25 to ×%s); when its peak usage stays at most %s with no "
                + "waits, lowers it so that peak uses %s.", num(minWaiting), pct(busyUsage), num(maxGrowth),
                pct(idleUsage), pct(targetUsage));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.DB_POOL_MAX_SIZE);
        Optional<SeriesFigures> usageSeries = figures.series(Metrics.DB_POOL);
        Optional<SeriesFigures> waitingSeries = figures.series(Metrics.DB_POOL_WAITING);
        if (knob.isEmpty() || (usageSeries.isEmpty() && waitingSeries.isEmpty())) {
            return Optional.empty();
        }
        double size = Knobs.value(knob.get());
        if (!(size > 0)) {
            return Optional.empty();
        }
        double usage = usageSeries.map(SeriesFigures::mean).orElse(Double.NaN);
        double waiting = waitingSeries.map(SeriesFigures::mean).orElse(Double.NaN);
        if (waiting >= minWaiting || usage >= busyUsage) {
            double waiters = Double.isNaN(waiting) ? 0 : Math.max(0, waiting);
            double growth = Math.max(1.25, Math.min(maxGrowth, (size + waiters) / size));
            double impact = waiters > 0 ? Math.min(0.4, waiters / (size + waiters)) : 0.1;
            return Knobs.propose(NAME, figures, knob.get(), size * growth, impact,
                    Knobs.confidence(confidence, usageSeries.orElse(null), waitingSeries.orElse(null)), Risk.MEDIUM,
                    priority, Double.isNaN(waiting)
                            ? format("database pool usage %s of %s", pct(usage), num(size))
                            : format("%s threads waiting for a database connection, pool usage %s of %s",
                                    num(waiting), pct(usage), num(size)));
        }
        if (usageSeries.isEmpty()) {
            return Optional.empty();
        }
        double peak = usageSeries.get().max();
        double peakWaiting = waitingSeries.map(SeriesFigures::max).orElse(0.0);
        if (!(peak <= idleUsage) || !(peakWaiting <= 0)) {
            return Optional.empty();
        }
        double desired = size * Math.max(peak, 0.1) / targetUsage;
        if (desired >= size) {
            return Optional.empty();
        }
        return Knobs.propose(NAME, figures, knob.get(), desired, 0,
                Knobs.confidence(confidence, usageSeries.get()), Risk.LOW, priority / 2,
                format("database pool of %s idle: peak usage %s, no waits", num(size), pct(peak)));
    }

    /** Builds a {@link ConnectionPoolStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 80;
        private double minWaiting = 0.5;
        private double busyUsage = 0.9;
        private double idleUsage = 0.3;
        private double targetUsage = 0.6;
        private double maxGrowth = 2.0;
        private double confidence = 0.6;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean number of threads waiting for a connection from which the pool is too small. */
        public Builder minWaiting(double minWaiting) {
            Knobs.checkPositive("minWaiting", minWaiting);
            this.minWaiting = minWaiting;
            return this;
        }

        /** Mean usage (0..1) from which the pool is too small. */
        public Builder busyUsage(double busyUsage) {
            Knobs.checkFraction("busyUsage", busyUsage);
            this.busyUsage = busyUsage;
            return this;
        }

        /** Peak usage (0..1) at or below which the pool is idle. */
        public Builder idleUsage(double idleUsage) {
            Knobs.checkFraction("idleUsage", idleUsage);
            this.idleUsage = idleUsage;
            return this;
        }

        /** Usage (0..1) the shrunk pool's peak should reach. */
        public Builder targetUsage(double targetUsage) {
            if (!(targetUsage > 0 && targetUsage <= 1)) {
                throw new IllegalArgumentException("targetUsage must be within (0, 1]: " + targetUsage);
            }
            this.targetUsage = targetUsage;
            return this;
        }

        public Builder maxGrowth(double maxGrowth) {
            if (!(maxGrowth >= 1.25) || Double.isInfinite(maxGrowth)) {
                throw new IllegalArgumentException("maxGrowth must be at least 1.25: " + maxGrowth);
            }
            this.maxGrowth = maxGrowth;
            return this;
        }

        public Builder confidence(double confidence) {
            Knobs.checkFraction("confidence", confidence);
            this.confidence = confidence;
            return this;
        }

        public ConnectionPoolStrategy build() {
            return new ConnectionPoolStrategy(this);
        }
    }
}
