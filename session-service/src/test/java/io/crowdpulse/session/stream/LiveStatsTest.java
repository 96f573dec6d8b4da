package io.crowdpulse.session.stream;

import static io.crowdpulse.session.support.Api.VIEWER_KEY;
import static io.crowdpulse.session.support.Api.track;
import static io.crowdpulse.session.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class LiveStatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReactiveRedisDataSource redis;

    @TestHTTPResource("/api/v1/concurrent-users/stream")
    URL stream;

    @Test
    void shouldPublishStatsEverySecondInTheDesignShape() throws Exception {
        String module = unique("mod");
        String org = unique("org");
        List<String> messages = new CopyOnWriteArrayList<>();
        Cancellable subscription = redis.pubsub(String.class)
                .subscribe(TestInfrastructure.PREFIX + ".sessions.stats")
                .subscribe().with(messages::add);
        try {
            track(unique("u"), org, unique("s"), module);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> messages.stream().anyMatch(m -> m.contains(module)));
        } finally {
            subscription.cancel();
        }
        String message = messages.stream().filter(m -> m.contains(module)).findFirst().orElseThrow();
        Map<String, Object> event = JSON.readValue(message, new TypeReference<>() { });
        assertEquals(java.util.Set.of("type", "version", "timestamp", "concurrentUsers", "activeSessions",
                "windowSeconds", "modules", "organizations", "sessionsStarted", "sessionsEnded"), event.keySet());
        assertEquals("sessions.stats", event.get("type"));
        assertEquals(1, event.get("version"));
        assertNotNull(Instant.parse((String) event.get("timestamp")));
        assertTrue(((String) event.get("timestamp")).endsWith("Z"));
        assertEquals(60, event.get("windowSeconds"));
        assertTrue(((Number) event.get("concurrentUsers")).longValue() >= 1);
        assertEquals(1, ((Map<?, ?>) event.get("modules")).get(module));
        assertTrue(event.get("organizations") instanceof Map);
    }

    @Test
    void shouldStreamFreshCountsOverSse() throws Exception {
        String module = unique("mod");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + VIEWER_KEY).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        track(unique("u"), unique("org"), unique("s"), module);
        track(unique("u"), unique("org"), unique("s"), module);
        String found = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (found == null && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith("data:") && line.contains(module)) {
                    found = line.substring(5);
                }
            }
        }
        assertNotNull(found, "no SSE event carried the new module within 10 s");
        Map<String, Object> event = JSON.readValue(found, new TypeReference<>() { });
        assertEquals(2, ((Map<?, ?>) event.get("modules")).get(module));
    }
}
