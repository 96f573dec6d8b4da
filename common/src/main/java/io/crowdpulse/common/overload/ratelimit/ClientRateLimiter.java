package io.crowdpulse.common.overload.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Per-client rate limiting: one {@link TokenBucket} per client (an API key), with one tunable rate and
 * burst for all. The map of buckets is bounded: when it is full, buckets that have refilled (idle
 * clients, whom dropping changes nothing for) go first, then the least recently used.
 */
public final class ClientRateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int maxClients;
    private final LongAdder rejected = new LongAdder();
    private volatile double rate;
    private volatile double burst;

    private ClientRateLimiter(Builder b) {
        this.nanoClock = b.nanoClock;
        this.maxClients = b.maxClients;
        this.rate = b.rate;
        this.burst = b.burst;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** Lets a request of {@code client} through (returns 0) or returns the nanoseconds until it may retry. */
    public long tryAcquire(String client) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = newBucket(client, now);
        }
        long wait = bucket.tryTake(rate, burst, now);
        if (wait > 0) {
            rejected.increment();
        }
        return wait;
    }

    private TokenBucket newBucket(String client, long now) {
        if (buckets.size() >= maxClients) {
            evict(now);
        }
        return buckets.computeIfAbsent(client, c -> new TokenBucket(burst, now));
    }

    private synchronized void evict(long now) {
        if (buckets.size() < maxClients) {
            return;
        }
        double r = rate;
        double b = burst;
        buckets.values().removeIf(bucket -> bucket.isFull(r, b, now));
        if (buckets.size() >= maxClients) {
            String oldest = null;
            long oldestNanos = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, TokenBucket>> it = buckets.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, TokenBucket> e = it.next();
                long last = e.getValue().lastNanos();
                if (last < oldestNanos) {
                    oldestNanos = last;
                    oldest = e.getKey();
                }
            }
            if (oldest != null) {
                buckets.remove(oldest);
            }
        }
    }

    public double rate() {
        return rate;
    }

    public double burst() {
        return burst;
    }

    public void setRate(double rate) {
        this.rate = checkPositive("rate", rate);
    }

    public void setBurst(double burst) {
        this.burst = checkAtLeastOne(burst);
    }

    /** Requests refused so far. */
    public long rejected() {
        return rejected.sum();
    }

    /** Clients with a bucket now. */
    public int clients() {
        return buckets.size();
    }

    public int maxClients() {
        return maxClients;
    }

    private static double checkPositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return value;
    }

    private static double checkAtLeastOne(double burst) {
        if (!(burst >= 1) || Double.isInfinite(burst)) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        return burst;
    }

    /** Builds a {@link ClientRateLimiter}; every setter checks its argument. */
    public static final class Builder {
        private double rate = 20_000;
        private double burst = 40_000;
        private int maxClients = 10_000;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** Sustained requests per second per client. */
        public Builder rate(double rate) {
            this.rate = checkPositive("rate", rate);
            return this;
        }

        /** Requests a client may send at once after being idle. */
        public Builder burst(double burst) {
            this.burst = checkAtLeastOne(burst);
            return this;
        }

        /** Most clients with a bucket at a time. */
        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients must be >= 1, got " + maxClients);
            }
            this.maxClients = maxClients;
            return this;
        }

        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        public ClientRateLimiter build() {
            return new ClientRateLimiter(this);
        }
    }
}
