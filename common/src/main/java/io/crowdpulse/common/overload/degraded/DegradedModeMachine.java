package io.crowdpulse.common.overload.degraded;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a service is in degraded mode, with hysteresis: it enters after being overloaded for
 * {@code enterAfter} without a break, and leaves after being calm for {@code exitAfter} without a break.
 * Fed one observation per tick ({@link #observe}); both durations change at runtime.
 */
public final class DegradedModeMachine {

    private final Clock clock;
    private volatile Duration enterAfter;
    private volatile Duration exitAfter;
    private volatile boolean degraded;
    private volatile Instant since;
    private Instant overloadedSince;
    private Instant calmSince;

    private DegradedModeMachine(Builder b) {
        this.clock = b.clock;
        this.enterAfter = b.enterAfter;
        this.exitAfter = b.exitAfter;
        this.since = clock.instant();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** Records whether the service is overloaded now; returns whether it is degraded afterwards. */
    public synchronized boolean observe(boolean overloaded) {
        Instant now = clock.instant();
        if (overloaded) {
            calmSince = null;
            if (overloadedSince == null) {
                overloadedSince = now;
            }
            if (!degraded && !now.isBefore(overloadedSince.plus(enterAfter))) {
                degraded = true;
                since = now;
            }
        } else {
            overloadedSince = null;
            if (calmSince == null) {
                calmSince = now;
            }
            if (degraded && !now.isBefore(calmSince.plus(exitAfter))) {
                degraded = false;
                since = now;
            }
        }
        return degraded;
    }

    public boolean isDegraded() {
        return degraded;
    }

    /** When the current state (degraded or normal) began. */
    public Instant since() {
        return since;
    }

    public Duration enterAfter() {
        return enterAfter;
    }

    public Duration exitAfter() {
        return exitAfter;
    }

    public void setEnterAfter(Duration enterAfter) {
        this.enterAfter = checkNotNegative("enterAfter", enterAfter);
    }

    public void setExitAfter(Duration exitAfter) {
        this.exitAfter = checkNotNegative("exitAfter", exitAfter);
    }

    private static Duration checkNotNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        return d;
    }

    /** Builds a {@link DegradedModeMachine}; every setter checks its argument. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration enterAfter = Duration.ofSeconds(10);
        private Duration exitAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** How long overload must last, without a calm tick, before degraded mode starts. */
        public Builder enterAfter(Duration enterAfter) {
            this.enterAfter = checkNotNegative("enterAfter", enterAfter);
            return this;
        }

        /** How long calm must last, without an overloaded tick, before degraded mode ends. */
        public Builder exitAfter(Duration exitAfter) {
            this.exitAfter = checkNotNegative("exitAfter", exitAfter);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DegradedModeMachine build() {
            return new DegradedModeMachine(this);
        }
    }
}
