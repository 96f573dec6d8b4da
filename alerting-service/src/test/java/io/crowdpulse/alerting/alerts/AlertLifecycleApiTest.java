package io.crowdpulse.alerting.alerts;

import static io.crowdpulse.alerting.support.Api.asAdmin;
import static io.crowdpulse.alerting.support.Api.asViewer;
import static io.crowdpulse.alerting.support.Api.unique;
import static io.crowdpulse.alerting.support.Bus.sample;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.support.Bus;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AlertLifecycleApiTest {

    @Inject
    ReactiveRedisDataSource redis;

    private final java.util.List<String> created = new java.util.ArrayList<>();

    private void createRule(String name, String metric, String comparator, double threshold, String forDuration,
            String severity) {
        created.add(name);
        asAdmin().body(Map.of("name", name, "kind", "threshold", "metric", metric, "comparator", comparator,
                "threshold", threshold, "for", forDuration, "severity", severity,
                "summary", "{{metric}} of {{target}} is {{value}}"))
                .post("/api/v1/rules").then().statusCode(201).body("name", equalTo(name));
    }

    @org.junit.jupiter.api.AfterEach
    void deleteRules() {
        for (String rule : created) {
            asAdmin().delete("/api/v1/rules/" + rule);
        }
        created.clear();
    }

    /** The alerts of one rule on one target (the default rules may alert on the same series too). */
    private static JsonPath alertsOf(String rule, String target) {
        return asViewer().queryParam("rule", rule).queryParam("target", target).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldFireTheMomentABreachingSnapshotArrivesAndResolveWhenItClears() {
        String rule = unique("latency");
        String target = unique("shop");
        createRule(rule, "http.p99_ms", ">", 500, "0s", "warning");
        try (Bus bus = new Bus(redis)) {
            // rules reach the evaluator within a few seconds
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
                bus.snapshot(sample("http.p99_ms", target, 900));
                return !bus.eventsAbout(rule).isEmpty();
            });
            Map<String, Object> event = bus.eventsAbout(rule).get(0);
            assertEquals(java.util.Set.of("type", "version", "timestamp", "alert"), event.keySet());
            @SuppressWarnings("unchecked")
            Map<String, Object> alert = (Map<String, Object>) event.get("alert");
            assertEquals("alert.event", event.get("type"));
            assertEquals("firing", alert.get("state"));
            assertEquals(rule, alert.get("rule"));
            assertEquals("warning", alert.get("severity"));
            assertEquals(500.0, ((Number) alert.get("threshold")).doubleValue());
            assertEquals(java.util.Set.of("id", "fingerprint", "rule", "severity", "state", "metric", "target", "labels",
                    "value", "threshold", "startsAt", "endsAt"), alert.keySet());

            bus.snapshot(sample("http.p99_ms", target, 950));
            bus.snapshot(sample("http.p99_ms", target, 960));
            await().atMost(Duration.ofSeconds(5)).until(() -> alertsOf(rule, target).getInt("total") == 1);
            assertEquals("FIRING", alertsOf(rule, target).getString("items[0].state"));
            assertEquals("http.p99_ms of " + target + " is 900", alertsOf(rule, target).getString("items[0].summary"));

            bus.snapshot(sample("http.p99_ms", target, 100));
            await().atMost(Duration.ofSeconds(5)).until(() -> bus.eventsAbout(rule).stream()
                    .anyMatch(e -> "resolved".equals(((Map<?, ?>) e.get("alert")).get("state"))));
            String id = alertsOf(rule, target).getString("items[0].id");
            asViewer().get("/api/v1/alerts/" + id).then().statusCode(200)
                    .body("alert.state", equalTo("RESOLVED"))
                    .body("timeline.state", hasItems("firing", "resolved")); // for: 0s fires at once
        }
    }

    @Test
    void shouldLetAnAdminAcknowledgeAndResolveByHand() {
        String rule = unique("errors");
        String target = unique("shop");
        createRule(rule, "http.error_rate", ">", 0.05, "0s", "critical");
        try (Bus bus = new Bus(redis)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
                bus.snapshot(sample("http.error_rate", target, 0.5));
                return alertsOf(rule, target).getInt("total") == 1;
            });
            String id = alertsOf(rule, target).getString("items[0].id");
            asAdmin().body(Map.of("by", "ana", "note", "on it")).post("/api/v1/alerts/" + id + "/acknowledge")
                    .then().statusCode(200).body("acknowledgedBy", equalTo("ana")).body("state", equalTo("FIRING"));
            asAdmin().body(Map.of("note", "rolled back the deploy")).post("/api/v1/alerts/" + id + "/resolve")
                    .then().statusCode(200).body("state", equalTo("RESOLVED"))
                    .body("resolvedBy", org.hamcrest.Matchers.startsWith("key:"));
            asAdmin().body(Map.of()).post("/api/v1/alerts/" + id + "/resolve").then().statusCode(409)
                    .contentType("application/problem+json");
            JsonPath detail = asViewer().get("/api/v1/alerts/" + id).then().statusCode(200).extract().jsonPath();
            assertTrue(detail.getList("timeline.state").containsAll(List.of("firing", "acknowledged", "resolved")));
            assertEquals("rolled back the deploy", detail.getString("timeline.find { it.state == 'resolved' }.note"));
            assertEquals(1, bus.eventsAbout(id).stream().filter(e -> "acknowledged".equals(((Map<?, ?>) e.get("alert")).get("state"))).count());
        }
    }

    @Test
    void shouldFilterAndPageAlerts() {
        String rule = unique("cpu");
        String target = unique("host");
        createRule(rule, "system.cpu", ">=", 0.9, "0s", "info");
        try (Bus bus = new Bus(redis)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
                bus.snapshot(new io.crowdpulse.common.events.MetricSample("system.cpu", target, Map.of("core", "0"), 0.95),
                        new io.crowdpulse.common.events.MetricSample("system.cpu", target, Map.of("core", "1"), 0.97),
                        new io.crowdpulse.common.events.MetricSample("system.cpu", target, Map.of("core", "2"), 0.99));
                return alertsOf(rule, target).getInt("total") == 3;
            });
        }
        asViewer().queryParam("rule", rule).queryParam("size", 2).get("/api/v1/alerts").then().statusCode(200)
                .body("total", equalTo(3)).body("items.size()", equalTo(2)).body("size", equalTo(2));
        asViewer().queryParam("rule", rule).queryParam("size", 2).queryParam("page", 1).get("/api/v1/alerts").then()
                .body("items.size()", equalTo(1));
        asViewer().queryParam("rule", rule).queryParam("label", "core:1").get("/api/v1/alerts").then()
                .body("total", equalTo(1)).body("items[0].labels.core", equalTo("1"));
        asViewer().queryParam("rule", rule).queryParam("severity", "critical").get("/api/v1/alerts").then()
                .body("total", equalTo(0));
        asViewer().queryParam("rule", rule).queryParam("state", "firing").queryParam("from", "1h").get("/api/v1/alerts")
                .then().body("total", equalTo(3));
    }

    @Test
    void shouldNotNotifySilencedAlertsButStillTrackThem() {
        String rule = unique("queue");
        String target = unique("shop");
        createRule(rule, "queue.mail.size", ">", 100, "0s", "warning");
        asAdmin().body(Map.of("target", target, "duration", "1h", "comment", "maintenance")).post("/api/v1/silences")
                .then().statusCode(201).body("target", equalTo(target));
        try (Bus bus = new Bus(redis)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
                bus.snapshot(sample("queue.mail.size", target, 500));
                return alertsOf(rule, target).getInt("total") == 1;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> alertsOf(rule, target).getBoolean("items[0].silenced"));
        }
        String silence = asViewer().get("/api/v1/silences").then().statusCode(200).extract().jsonPath()
                .getString("find { it.target == '" + target + "' }.id");
        asAdmin().delete("/api/v1/silences/" + silence).then().statusCode(204);
        asAdmin().delete("/api/v1/silences/" + silence).then().statusCode(404);
    }
}
