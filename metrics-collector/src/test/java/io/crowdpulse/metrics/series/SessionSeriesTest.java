package io.crowdpulse.metrics.series;

import static io.crowdpulse.metrics.support.Api.currentValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class SessionSeriesTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Test
    void shouldTurnSessionStatsIntoSessionSeries() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            // published every poll, as session-service does every second
            SessionsStatsEvent event = SessionsStatsEvent.of(Instant.now(), 245, 260, 60,
                    Map.of("accounting", 120L, "tax", 40L), Map.of("org-1", 30L), 3, 1);
            redis.pubsub(String.class).publish(TestInfrastructure.PREFIX + ".sessions.stats", json.writeValueAsString(event))
                    .await().indefinitely();
            return currentValue("session-service", "sessions.concurrent_users", Map.of()) != null;
        });
        assertEquals(245.0, currentValue("session-service", "sessions.concurrent_users", Map.of()));
        assertEquals(260.0, currentValue("session-service", "sessions.active_sessions", Map.of()));
        assertEquals(120.0, currentValue("session-service", "sessions.concurrent_users", Map.of("module", "accounting")));
        assertEquals(30.0, currentValue("session-service", "sessions.concurrent_users", Map.of("organization", "org-1")));
    }
}
