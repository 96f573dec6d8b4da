package io.crowdpulse.metrics.anomalies;

import static io.crowdpulse.metrics.support.Api.asViewer;
import static io.crowdpulse.metrics.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.metrics.series.SeriesStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * A series runs the standard detector; a spike after a long calm stretch is flagged, persisted and then
 * published. The points are fed with their own timestamps (ten minutes of them in a moment).
 */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AnomalyPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SeriesStore series;

    @Inject
    AnomalyWriter writer;

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void shouldPersistThenPublishAFlaggedSpike() {
        String target = unique("svc");
        List<String> published = new CopyOnWriteArrayList<>();
        Cancellable subscription = redis.pubsub(String.class)
                .subscribe(TestInfrastructure.PREFIX + ".metrics.anomalies").subscribe().with(published::add);
        try {
            Random noise = new Random(7);
            Instant start = Instant.now().minus(Duration.ofMinutes(20));
            int flagged = 0;
            for (int i = 0; i < 600; i++) {
                double value = i == 500 ? 900.0 : 25.0 + noise.nextGaussian();
                MetricSample sample = new MetricSample("http.p99_ms", target, Map.of("route", "/pay"), value);
                for (SeriesStore.Flagged f : series.record(start.plusSeconds(i), List.of(sample))) {
                    writer.submit(f);
                    flagged++;
                }
            }
            assertEquals(1, flagged, "one spike, one anomaly");
            await().atMost(Duration.ofSeconds(10)).until(() -> published.stream().anyMatch(m -> m.contains(target)));
        } finally {
            subscription.cancel();
        }
        JsonPath page = asViewer().queryParam("target", target).queryParam("from", "1h")
                .get("/api/v1/anomalies").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getInt("total"));
        assertEquals("http.p99_ms", page.getString("items[0].metric"));
        assertEquals(Map.of("route", "/pay"), page.getMap("items[0].labels"));
        assertEquals(900.0, page.getDouble("items[0].value"), 1e-9);
        assertTrue(page.getDouble("items[0].score") >= 0.7);

        Map<String, Object> event = readEvent(published.stream().filter(m -> m.contains(target)).findFirst().orElseThrow());
        assertEquals(java.util.Set.of("type", "version", "timestamp", "metric", "target", "value", "expected", "score",
                "severity", "detector", "confidence"), event.keySet());
        assertEquals("metrics.anomaly", event.get("type"));
        assertTrue(List.of("info", "warning", "critical").contains(event.get("severity")));
    }

    private static Map<String, Object> readEvent(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
