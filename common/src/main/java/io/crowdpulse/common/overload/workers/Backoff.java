package io.crowdpulse.common.overload.workers;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt {@code n} waits {@code base * 2^(n-1)}, capped at {@code max},
 * of which a random part (the {@code jitter} fraction) is taken off, so that clients that failed together
 * do not retry together.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    private Backoff(Builder b) {
        this.baseMillis = b.baseMillis;
        this.maxMillis = b.maxMillis;
        this.jitter = b.jitter;
        this.random = b.random;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** The pause before retry number {@code attempt} (1 is the first retry), in milliseconds. */
    public long delayMillis(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        int shift = Math.min(attempt - 1, 40);
        long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
        long capped = Math.min(exponential, maxMillis);
        return capped - (long) (capped * jitter * random.getAsDouble());
    }

    /** Builds a {@link Backoff}; every setter checks its argument. */
    public static final class Builder {
        private long baseMillis = 500;
        private long maxMillis = 30_000;
        private double jitter = 0.5;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        public Builder base(Duration base) {
            if (base.isNegative() || base.isZero()) {
                throw new IllegalArgumentException("base must be positive, got " + base);
            }
            this.baseMillis = base.toMillis();
            return this;
        }

        public Builder max(Duration max) {
            if (max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("max must be positive, got " + max);
            }
            this.maxMillis = max.toMillis();
            return this;
        }

        /** The fraction (0..1) of each pause that is random: 0 none, 0.5 "equal jitter", 1 "full jitter". */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** Random numbers in [0, 1); tests pass a fixed one. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Backoff build() {
            if (maxMillis < baseMillis) {
                throw new IllegalArgumentException("max must not be below base");
            }
            return new Backoff(this);
        }
    }
}
