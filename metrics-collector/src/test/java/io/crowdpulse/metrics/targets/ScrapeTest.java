package io.crowdpulse.metrics.targets;

import static io.crowdpulse.metrics.support.Api.asAdmin;
import static io.crowdpulse.metrics.support.Api.asViewer;
import static io.crowdpulse.metrics.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.metrics.support.ScriptedExporter;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class ScrapeTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    ReactiveRedisDataSource redis;

    /**
     * Every scrape adds 100 requests to route /orders: 50 of ≤ 10 ms, 40 of 10–50 ms, 10 of 50–100 ms
     * answered 500. So each interval: error rate 0.10, p50 = 10 ms, p95 = 75 ms, p99 = 95 ms, and a
     * queue gauge of 7 and a pool at 3 of 4.
     */
    static String exposition(int scrape) {
        long n = scrape;
        return """
                # HELP http_server_requests_seconds HTTP server request processing time
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="0.01"} %d
                http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="0.05"} %d
                http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="0.1"} %d
                http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="+Inf"} %d
                http_server_requests_seconds_count{method="GET",status="200",uri="/orders"} %d
                http_server_requests_seconds_sum{method="GET",status="200",uri="/orders"} 1.0
                http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="0.01"} 0
                http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="0.05"} 0
                http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="0.1"} %d
                http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="+Inf"} %d
                http_server_requests_seconds_count{method="GET",status="500",uri="/orders"} %d
                http_server_requests_seconds_sum{method="GET",status="500",uri="/orders"} 1.0
                # TYPE mail_queue_size gauge
                mail_queue_size 7
                # TYPE db_pool_active gauge
                db_pool_active 3
                # TYPE db_pool_max gauge
                db_pool_max 4
                """.formatted(50 * n, 90 * n, 90 * n, 90 * n, 90 * n, 10 * n, 10 * n, 10 * n);
    }

    private static double value(List<MetricSample> samples, String metric, Map<String, String> labels) {
        return samples.stream().filter(s -> s.metric().equals(metric) && s.labels().equals(labels))
                .mapToDouble(MetricSample::value).findFirst().orElse(Double.NaN);
    }

    @Test
    void shouldPublishFiguresDerivedFromBucketDeltasOfARealEndpoint() throws Exception {
        String name = unique("shop");
        List<MetricsSnapshotEvent> snapshots = new CopyOnWriteArrayList<>();
        Cancellable subscription = redis.pubsub(String.class)
                .subscribe(TestInfrastructure.PREFIX + ".metrics.snapshots")
                .subscribe().with(m -> {
                    try {
                        snapshots.add(JSON.readValue(m, MetricsSnapshotEvent.class));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        try (ScriptedExporter exporter = ScriptedExporter.start(ScrapeTest::exposition)) {
            asAdmin().body(Map.of("name", name, "url", exporter.url())).post("/api/v1/targets").then().statusCode(201)
                    .body("name", equalTo(name));
            await().atMost(Duration.ofSeconds(20)).until(() -> snapshots.stream()
                    .anyMatch(s -> s.samples().stream().anyMatch(x -> x.target().equals(name) && x.metric().equals("http.p99_ms"))));
            List<MetricSample> mine = snapshots.stream()
                    .filter(s -> s.samples().stream().anyMatch(x -> x.target().equals(name) && x.metric().equals("http.p99_ms")))
                    .findFirst().orElseThrow().samples().stream().filter(x -> x.target().equals(name)).toList();
            assertEquals(0.10, value(mine, "http.error_rate", Map.of()), 1e-9);
            // 500s are errors, not throttling (429/503)
            assertEquals(0.0, value(mine, "http.throttled_rate", Map.of()), 1e-9);
            assertEquals(10.0, value(mine, "http.p50_ms", Map.of()), 1e-9);
            assertEquals(75.0, value(mine, "http.p95_ms", Map.of()), 1e-9);
            assertEquals(95.0, value(mine, "http.p99_ms", Map.of()), 1e-9);
            assertEquals(95.0, value(mine, "http.p99_ms", Map.of("route", "/orders")), 1e-9);
            assertEquals(1.0, value(mine, "target.up", Map.of()));
            assertEquals(7.0, value(mine, "queue.mail.size", Map.of()));
            assertEquals(0.75, value(mine, "pool.db.usage", Map.of()), 1e-9);
            // 100 requests per scrape, scraped about once a second
            assertEquals(100.0, value(mine, "http.rps", Map.of()), 35.0);
            asViewer().get("/api/v1/targets/" + name).then().statusCode(200).body("up", equalTo(true));
        } finally {
            subscription.cancel();
            asAdmin().delete("/api/v1/targets/" + name).then().statusCode(204);
        }
        asAdmin().delete("/api/v1/targets/" + name).then().statusCode(404);
    }

    @Test
    void shouldReportSlowAndDeadTargetsDownWithoutDelayingTheOthers() throws Exception {
        String slow = unique("slow");
        String dead = unique("dead");
        String fast = unique("fast");
        try (ScriptedExporter slowExporter = ScriptedExporter.slow(ScrapeTest::exposition, 3_000);
                ScriptedExporter fastExporter = ScriptedExporter.start(ScrapeTest::exposition)) {
            asAdmin().body(Map.of("name", slow, "url", slowExporter.url())).post("/api/v1/targets").then().statusCode(201);
            asAdmin().body(Map.of("name", dead, "url", "http://127.0.0.1:9/metrics")).post("/api/v1/targets").then().statusCode(201);
            asAdmin().body(Map.of("name", fast, "url", fastExporter.url())).post("/api/v1/targets").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(up(slow)) && Boolean.FALSE.equals(up(dead))
                    && Boolean.TRUE.equals(up(fast)));
            int before = fastExporter.scrapes();
            // About one scrape a second of the fast target, whatever the 3-second slow one does.
            await().atMost(Duration.ofMillis(5_500)).until(() -> fastExporter.scrapes() - before >= 4);
            asViewer().get("/api/v1/targets/" + slow).then().body("error", org.hamcrest.Matchers.containsString("timed out"));
        } finally {
            for (String name : List.of(slow, dead, fast)) {
                asAdmin().delete("/api/v1/targets/" + name);
            }
        }
    }

    private static Boolean up(String name) {
        return asViewer().get("/api/v1/targets/" + name).then().statusCode(200).extract().jsonPath().get("up");
    }
}
