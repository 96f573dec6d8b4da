package io.crowdpulse.alerting.api;

import static io.crowdpulse.alerting.support.Api.asAdmin;
import static io.crowdpulse.alerting.support.Api.asViewer;
import static io.crowdpulse.alerting.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class RulesApiTest {

    @Test
    void shouldShipTheDefaultRulesFromConfiguration() {
        asViewer().get("/api/v1/rules").then().statusCode(200)
                .body("name", hasItems("high-latency", "very-high-latency", "high-error-rate", "high-cpu", "high-memory",
                        "long-queue", "low-throughput", "capacity-reached"))
                .body("find { it.name == 'high-latency' }.threshold", equalTo(500.0))
                .body("find { it.name == 'very-high-latency' }.severity", equalTo("critical"))
                .body("find { it.name == 'low-throughput' }.while.metric", equalTo("sessions.concurrent_users"))
                .body("find { it.name == 'high-latency' }.source", equalTo("config"));
        asAdmin().delete("/api/v1/rules/high-latency").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldCreateChangeDisableAndDeleteARule() {
        String name = unique("rule");
        asAdmin().body(Map.of("name", name, "kind", "threshold", "metric", "http.p95_ms", "target", "shop",
                "comparator", ">", "threshold", 300, "for", "1m", "keepFiringFor", "5m", "severity", "warning"))
                .post("/api/v1/rules").then().statusCode(201).body("for", equalTo("PT1M")).body("source", equalTo("api"));
        asAdmin().body(Map.of("name", name, "kind", "threshold", "metric", "http.p95_ms", "comparator", ">", "threshold", 300,
                "severity", "warning")).post("/api/v1/rules").then().statusCode(409);
        asAdmin().body(Map.of("name", name, "kind", "threshold", "metric", "http.p95_ms", "comparator", ">=",
                "threshold", 400, "severity", "critical", "enabled", false))
                .put("/api/v1/rules/" + name).then().statusCode(200).body("threshold", equalTo(400.0))
                .body("enabled", equalTo(false));
        asViewer().get("/api/v1/rules/" + name).then().statusCode(200).body("comparator", equalTo(">="));
        asAdmin().delete("/api/v1/rules/" + name).then().statusCode(204);
        asViewer().get("/api/v1/rules/" + name).then().statusCode(404);
        asAdmin().delete("/api/v1/rules/" + name).then().statusCode(404);
    }

    @Test
    void shouldNameWhatIsWrongWithABadRule() {
        asAdmin().body(Map.of("name", "r1", "kind", "threshold", "metric", "http.p95_ms", "severity", "warning"))
                .post("/api/v1/rules").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("comparator", "threshold"));
        asAdmin().body(Map.of("name", "r2", "kind", "sometimes", "metric", "x", "severity", "warning"))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        asAdmin().body(Map.of("name", "r3", "kind", "threshold", "metric", "x", "comparator", "!=", "threshold", 1,
                "severity", "urgent")).post("/api/v1/rules").then().statusCode(400)
                .body("errors.field", hasItems("comparator", "severity"));
        asAdmin().body(Map.of("name", "r4", "kind", "no-data", "metric", "x", "severity", "info"))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("absentFor"));
        asAdmin().body(Map.of("name", "r5", "kind", "anomaly", "metric", "x", "severity", "info", "minScore", 2))
                .post("/api/v1/rules").then().statusCode(400).body("errors[0].field", equalTo("minScore"));
        asAdmin().body(Map.of("name", "r6", "kind", "threshold", "metric", "x", "comparator", ">", "threshold", 1,
                "severity", "info", "for", "soon")).post("/api/v1/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("for"));
        asAdmin().body(Map.of("name", "bad name", "kind", "threshold", "severity", "info"))
                .post("/api/v1/rules").then().statusCode(400).body("errors.field", hasItems("name"));
        asAdmin().body("{\"name\":").post("/api/v1/rules").then().statusCode(400);
        asAdmin().body(Map.of("name", "r7", "kind", "threshold", "metric", "x", "comparator", ">", "threshold", 1,
                "severity", "info")).put("/api/v1/rules/other-name").then().statusCode(400);
    }
}
