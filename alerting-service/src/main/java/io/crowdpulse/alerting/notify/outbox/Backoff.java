package io.crowdpulse.alerting.notify.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt, wait a uniformly random time in
 * [0, min(max, base * 2^(n-1))], so receivers coming back are not hit by every sender at once.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be longer than zero: " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is shorter than its base " + base);
        }
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    public Backoff(Duration base, Duration max) {
        this(base, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The longest wait after the {@code attempt}-th failure (1 for the first). */
    public long capMillis(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long cap = baseMillis;
        for (int i = 0; i < doublings && cap < maxMillis; i++) {
            cap *= 2;
        }
        return Math.min(cap, maxMillis);
    }

    /** The wait after the {@code attempt}-th failure. */
    public Duration after(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * capMillis(attempt)));
    }
}
