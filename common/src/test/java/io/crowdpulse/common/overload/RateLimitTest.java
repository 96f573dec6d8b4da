package io.crowdpulse.common.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.overload.ratelimit.ClientRateLimiter;
import io.crowdpulse.common.overload.ratelimit.TokenBucket;

class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void shouldLetTheBurstThroughThenRefillAtTheRate() {
        TokenBucket bucket = new TokenBucket(3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.tryTake(2, 3, 0));
        }
        // Empty: one token comes back after 1/rate = 0.5 s.
        assertEquals(SECOND / 2, bucket.tryTake(2, 3, 0));
        assertEquals(SECOND / 4, bucket.tryTake(2, 3, SECOND / 4));
        assertEquals(0, bucket.tryTake(2, 3, SECOND / 2));
        // Idle for long: never more than the burst.
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.tryTake(2, 3, 100 * SECOND));
        }
        assertTrue(bucket.tryTake(2, 3, 100 * SECOND) > 0);
    }

    @Test
    void shouldLimitEachClientOnItsOwnAndCountRejections() {
        ClientRateLimiter limiter = ClientRateLimiter.newBuilder().rate(1).burst(2).nanoClock(nanos::get).build();
        assertEquals(0, limiter.tryAcquire("a"));
        assertEquals(0, limiter.tryAcquire("a"));
        assertEquals(SECOND, limiter.tryAcquire("a"));
        assertEquals(0, limiter.tryAcquire("b"));
        assertEquals(1, limiter.rejected());
        nanos.set(SECOND);
        assertEquals(0, limiter.tryAcquire("a"));
    }

    @Test
    void shouldApplyANewRateAndBurstToExistingBuckets() {
        ClientRateLimiter limiter = ClientRateLimiter.newBuilder().rate(1).burst(1).nanoClock(nanos::get).build();
        assertEquals(0, limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a") > 0);
        limiter.setRate(10);
        nanos.set(SECOND / 10);
        assertEquals(0, limiter.tryAcquire("a"));
        limiter.setBurst(5);
        nanos.set(10 * SECOND);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.tryAcquire("a"));
        }
        assertTrue(limiter.tryAcquire("a") > 0);
        assertThrows(IllegalArgumentException.class, () -> limiter.setRate(0));
        assertThrows(IllegalArgumentException.class, () -> limiter.setBurst(0.5));
    }

    @Test
    void shouldBoundTheClientsDroppingIdleOnesFirst() {
        ClientRateLimiter limiter = ClientRateLimiter.newBuilder().rate(1).burst(1).maxClients(2)
                .nanoClock(nanos::get).build();
        limiter.tryAcquire("idle");
        nanos.set(5 * SECOND);
        limiter.tryAcquire("busy");
        limiter.tryAcquire("new");
        assertEquals(2, limiter.clients());
        // "busy" kept its empty bucket: it is still limited.
        assertTrue(limiter.tryAcquire("busy") > 0);
        // All buckets in use: the least recently used goes.
        nanos.set(5 * SECOND + 1);
        limiter.tryAcquire("third");
        assertEquals(2, limiter.clients());
    }
}
