package io.crowdpulse.common.overload;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.overload.guards.ClientCache;
import io.crowdpulse.common.overload.guards.ClientGuards;
import io.crowdpulse.common.overload.guards.GuardSettings;

/** The settings of outbound clients' guards, and the cache that rebuilds a client when its settings change. */
class ClientGuardsTest {

    private static final GuardSettings SETTINGS = new GuardSettings(Duration.ofSeconds(2), 2, Duration.ofMillis(200),
            Duration.ofMillis(100), 10, 0.5, Duration.ofSeconds(10), 4);

    /** A client that counts its closing. */
    private static final class Client implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void shouldChangeOneSettingAtATimeAndCheckEvery() {
        GuardSettings changed = SETTINGS.withTimeout(Duration.ofMillis(300)).withMaxRetries(0).withCircuitFailureRatio(1)
                .withCircuitDelay(Duration.ofSeconds(1)).withBulkhead(1);
        assertEquals(new GuardSettings(Duration.ofMillis(300), 0, Duration.ofMillis(200), Duration.ofMillis(100), 10, 1.0,
                Duration.ofSeconds(1), 1), changed);
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withMaxRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withCircuitFailureRatio(0));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withCircuitFailureRatio(1.1));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withCircuitDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.withBulkhead(0));
        assertThrows(NullPointerException.class, () -> SETTINGS.withTimeout(null));
    }

    @Test
    void shouldListDeclaredDestinationsWithNoBreakerUntilACallBuildsOne() {
        ClientGuards guards = ClientGuards.newBuilder("tuning-api").destinations("target", t -> "tuning API of " + t)
                .settings(SETTINGS).build();
        guards.declare("b");
        guards.declare("a");
        assertEquals(List.of(new ClientGuards.Breaker("tuning-api:a", "tuning API of a", null),
                new ClientGuards.Breaker("tuning-api:b", "tuning API of b", null)), guards.breakers());
        guards.update(s -> s.withBulkhead(1));
        assertEquals(1, guards.settings().bulkhead());
        guards.forget("a");
        assertEquals(List.of("tuning-api:b"), guards.breakers().stream().map(ClientGuards.Breaker::name).toList());
        assertThrows(IllegalArgumentException.class, () -> ClientGuards.newBuilder("Bad Name"));
        assertThrows(IllegalStateException.class, () -> ClientGuards.newBuilder("x").build());
    }

    @Test
    void shouldBuildANewClientForAnotherSpecAndCloseTheOldOneAfterItsGrace() {
        AtomicInteger built = new AtomicInteger();
        ClientCache<Duration, Client> cache = new ClientCache<>((d, timeout) -> {
            built.incrementAndGet();
            return new Client();
        }, Duration.ofMillis(200));
        Client first = cache.get("a", Duration.ofSeconds(2));
        assertSame(first, cache.get("a", Duration.ofSeconds(2)));
        assertEquals(1, built.get());

        Client second = cache.get("a", Duration.ofMillis(300));
        assertNotSame(first, second);
        assertEquals(0, first.closed.get(), "a call in flight on the old client may still finish");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.closed.get() == 1);
        assertSame(second, cache.get("a", Duration.ofMillis(300)));

        Client other = cache.get("b", Duration.ofMillis(300));
        cache.remove("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> other.closed.get() == 1);
        assertEquals(3, built.get());

        Client replaced = cache.get("a", Duration.ofSeconds(1));
        cache.closeAll();
        assertEquals(1, second.closed.get(), "closed at once at shutdown, though within its grace");
        assertEquals(1, replaced.closed.get());
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> second.closed.get() == 1);
    }
}
