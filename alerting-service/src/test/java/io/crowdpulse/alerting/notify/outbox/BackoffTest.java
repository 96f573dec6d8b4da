package io.crowdpulse.alerting.notify.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleTheCapUpToTheMax() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> 0.999999);
        assertEquals(2_000, backoff.capMillis(1));
        assertEquals(4_000, backoff.capMillis(2));
        assertEquals(32_000, backoff.capMillis(5));
        assertEquals(60_000, backoff.capMillis(6));
        assertEquals(60_000, backoff.capMillis(1_000));
    }

    @Test
    void shouldDrawTheWaitUniformlyBetweenZeroAndTheCap() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> 0.0).after(3));
        assertEquals(Duration.ofSeconds(4), new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> 0.5).after(3));
        Backoff real = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 1_000; i++) {
            long wait = real.after(4).toMillis();
            assertTrue(wait >= 0 && wait <= 800, "wait " + wait);
        }
    }

    @Test
    void shouldRefuseABaseOfZeroOrAMaxBelowTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
