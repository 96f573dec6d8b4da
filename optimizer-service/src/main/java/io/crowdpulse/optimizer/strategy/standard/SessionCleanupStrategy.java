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
 * Sweeps expired sessions more often ({@code sessions.cleanup-interval}) when memory is under pressure and
 * sessions linger: mean {@code system.memory} at or above {@code memoryPressure}, and the newest
 * {@code sessions.active_sessions} at least {@code lingerRatio} times {@code sessions.concurrent_users} (and at
 * least {@code minSessions}). The interval shrinks {@code × shrinkFactor}. Model impact: the lingering share of
 * the sessions ({@code (active − users) / active}) times 0.2 — the memory it frees, discounted for how much of
 * it turns into latency. Needs the knob and the three metrics.
 */
public final class SessionCleanupStrategy implements Strategy {

    public static final String NAME = "session-cleanup";

    private final int priority;
    private final double memoryPressure;
    private final double lingerRatio;
    private final double minSessions;
    private final double shrinkFactor;
    private final double confidence;

    private SessionCleanupStrategy(Builder b) {
        this.priority = b.priority;
        this.memoryPressure = b.memoryPressure;
        this.lingerRatio = b.lingerRatio;
        this.minSessions = b.minSessions;
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
        return format("When memory is at %s or more and active sessions are at least ×%s the concurrent users "
                + "(and %s or more), shortens sessions.cleanup-interval ×%s.", pct(memoryPressure), num(lingerRatio),
                num(minSessions), num(shrinkFactor));
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<Proposal> evaluate(TargetFigures figures) {
        Optional<KnobView> knob = figures.knob(KnobNames.SESSIONS_CLEANUP_INTERVAL);
        Optional<SeriesFigures> memorySeries = figures.series(Metrics.MEMORY);
        Optional<SeriesFigures> activeSeries = figures.series(Metrics.ACTIVE_SESSIONS);
        Optional<SeriesFigures> usersSeries = figures.series(Metrics.CONCURRENT_USERS);
        if (knob.isEmpty() || memorySeries.isEmpty() || activeSeries.isEmpty() || usersSeries.isEmpty()) {
            return Optional.empty();
        }
        double memory = memorySeries.get().mean();
        double active = activeSeries.get().latest();
        double users = usersSeries.get().latest();
        boolean lingering = active > 0 && active >= minSessions && active >= lingerRatio * users;
        if (!(memory >= memoryPressure) || !lingering) {
            return Optional.empty();
        }
        double lingeringShare = (active - Math.max(0, users)) / active;
        double interval = Knobs.value(knob.get());
        return Knobs.propose(NAME, figures, knob.get(), interval * shrinkFactor, 0.2 * lingeringShare,
                Knobs.confidence(confidence, memorySeries.get(), activeSeries.get(), usersSeries.get()), Risk.LOW,
                priority, format("memory %s with %s active sessions for %s concurrent users (%s lingering)",
                        pct(memory), num(active), num(users), pct(lingeringShare)));
    }

    /** Builds a {@link SessionCleanupStrategy}; every setter checks its argument. */
    public static final class Builder {
        private int priority = 60;
        private double memoryPressure = 0.8;
        private double lingerRatio = 1.5;
        private double minSessions = 100;
        private double shrinkFactor = 0.5;
        private double confidence = 0.6;

        private Builder() {
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Mean memory use (0..1) from which memory counts as under pressure. */
        public Builder memoryPressure(double memoryPressure) {
            Knobs.checkFraction("memoryPressure", memoryPressure);
            this.memoryPressure = memoryPressure;
            return this;
        }

        /** Active sessions per concurrent user from which sessions count as lingering (at least 1). */
        public Builder lingerRatio(double lingerRatio) {
            if (!(lingerRatio >= 1) || Double.isInfinite(lingerRatio)) {
                throw new IllegalArgumentException("lingerRatio must be at least 1: " + lingerRatio);
            }
            this.lingerRatio = lingerRatio;
            return this;
        }

        /** Fewest active sessions worth sweeping for. */
        public Builder minSessions(double minSessions) {
            Knobs.checkNonNegative("minSessions", minSessions);
            this.minSessions = minSessions;
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

        public SessionCleanupStrategy build() {
            return new SessionCleanupStrategy(this);
        }
    }
}
