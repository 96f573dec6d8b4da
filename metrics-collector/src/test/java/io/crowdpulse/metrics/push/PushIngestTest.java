package io.crowdpulse.metrics.push;

import static io.crowdpulse.metrics.support.Api.asIngest;
import static io.crowdpulse.metrics.support.Api.currentValue;
import static io.crowdpulse.metrics.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class PushIngestTest {

    @Test
    void shouldServePushedSamplesAsCurrentValues() {
        String target = unique("app");
        asIngest().body(Map.of("samples", List.of(
                Map.of("metric", "gauge.queue_depth", "target", target, "labels", Map.of("queue", "mail"), "value", 42.5),
                Map.of("metric", "pool.db.usage", "target", target, "value", 0.75))))
                .post("/api/v1/metrics").then().statusCode(202).body("samples", equalTo(2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> currentValue(target, "gauge.queue_depth", Map.of("queue", "mail")) != null);
        assertEquals(42.5, currentValue(target, "gauge.queue_depth", Map.of("queue", "mail")));
        assertEquals(0.75, currentValue(target, "pool.db.usage", Map.of()));
    }

    @Test
    void shouldDeriveLatencyRateAndErrorsFromPushedTimingsOverallAndPerLabel() {
        String target = unique("app");
        List<Map<String, Object>> timings = new ArrayList<>();
        // 100 requests of module tax: 1..100 ms, the last 10 of them 5xx; 50 of module hr at 7 ms
        for (int i = 1; i <= 100; i++) {
            timings.add(Map.of("target", target, "labels", Map.of("module", "tax"), "durationMs", (double) i,
                    "status", i > 90 ? 503 : 200));
        }
        for (int i = 0; i < 50; i++) {
            timings.add(Map.of("target", target, "labels", Map.of("module", "hr"), "durationMs", 7.0, "status", 200));
        }
        asIngest().body(Map.of("timings", timings)).post("/api/v1/metrics").then().statusCode(202)
                .body("timings", equalTo(150));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> currentValue(target, "http.p99_ms", Map.of("module", "tax")) != null);
        // HdrHistogram with 2 significant digits: values are exact to 1 %
        assertEquals(99.0, currentValue(target, "http.p99_ms", Map.of("module", "tax")), 1.0);
        assertEquals(95.0, currentValue(target, "http.p95_ms", Map.of("module", "tax")), 1.0);
        assertEquals(50.0, currentValue(target, "http.p50_ms", Map.of("module", "tax")), 0.5);
        assertEquals(0.10, currentValue(target, "http.error_rate", Map.of("module", "tax")), 1e-9);
        assertEquals(7.0, currentValue(target, "http.p50_ms", Map.of("module", "hr")), 0.1);
        assertEquals(0.0, currentValue(target, "http.error_rate", Map.of("module", "hr")), 1e-9);
        assertEquals(10.0 / 150, currentValue(target, "http.error_rate", Map.of()), 1e-9);
        double rps = currentValue(target, "http.rps", Map.of());
        // 150 requests over one round of about one second
        assertEquals(150.0, rps, 30.0);
    }
}
