package io.crowdpulse.common.overload.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code rate} per second, and a request
 * takes one. Rate and burst are passed on every call, so a change applies to every bucket at once.
 */
public final class TokenBucket {

    private double tokens;
    private long lastNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(double burst, long nowNanos) {
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes a token if there is one: returns 0, else how many nanoseconds until one is there (nothing is
     * taken then).
     */
    public synchronized long tryTake(double rate, double burst, long nowNanos) {
        refill(rate, burst, nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / rate * 1e9);
    }

    /** Whether the bucket is full at {@code nowNanos}, so that dropping it changes nothing. */
    public synchronized boolean isFull(double rate, double burst, long nowNanos) {
        refill(rate, burst, nowNanos);
        return tokens >= burst;
    }

    synchronized long lastNanos() {
        return lastNanos;
    }

    private void refill(double rate, double burst, long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * rate / 1e9);
            lastNanos = nowNanos;
        } else if (tokens > burst) {
            tokens = burst;
        }
    }
}
