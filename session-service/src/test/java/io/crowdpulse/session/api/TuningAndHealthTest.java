package io.crowdpulse.session.api;

import static io.crowdpulse.session.support.Api.asAdmin;
import static io.crowdpulse.session.support.Api.asViewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class TuningAndHealthTest {

    @Test
    void shouldListTheSessionKnobsWithTheirBounds() {
        asViewer().get("/api/v1/tuning").then().statusCode(200)
                .body("name", hasItems("sessions.activity-window", "sessions.session-ttl", "sessions.cleanup-interval",
                        "sessions.history-batch-size"))
                .body("find { it.name == 'sessions.activity-window' }.value", equalTo(60))
                .body("find { it.name == 'sessions.activity-window' }.min", equalTo(1))
                .body("find { it.name == 'sessions.activity-window' }.unit", equalTo("s"));
    }

    @Test
    void shouldApplyAChangeAtOnceAndRefuseOneOutOfBounds() {
        asAdmin().body(Map.of("value", 250)).put("/api/v1/tuning/sessions.history-batch-size").then().statusCode(200)
                .body("value", equalTo(250));
        asViewer().get("/api/v1/tuning/sessions.history-batch-size").then().body("value", equalTo(250));
        asAdmin().body(Map.of("value", 0)).put("/api/v1/tuning/sessions.history-batch-size").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("value"));
        asAdmin().body(Map.of("value", "big")).put("/api/v1/tuning/sessions.history-batch-size").then().statusCode(400);
        asAdmin().body("{}").put("/api/v1/tuning/sessions.history-batch-size").then().statusCode(400);
        asAdmin().body(Map.of("value", 1)).put("/api/v1/tuning/no.such-knob").then().statusCode(404)
                .contentType("application/problem+json");
        asViewer().get("/api/v1/tuning/sessions.history-batch-size").then().body("value", equalTo(250));
        asAdmin().body(Map.of("value", 500)).put("/api/v1/tuning/sessions.history-batch-size").then().statusCode(200);
    }

    @Test
    void shouldBeReadyWithRedisAndPostgresChecked() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis connection health check", "Database connections health check"));
    }
}
