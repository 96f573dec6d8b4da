package io.crowdpulse.session.records;

import static io.crowdpulse.session.support.Api.asIngest;
import static io.crowdpulse.session.support.Api.asViewer;
import static io.crowdpulse.session.support.Api.heartbeat;
import static io.crowdpulse.session.support.Api.track;
import static io.crowdpulse.session.support.Api.trackAll;
import static io.crowdpulse.session.support.Api.tune;
import static io.crowdpulse.session.support.Api.unique;
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
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class SessionRecordsTest {

    private static long recordsOf(String organizationId) {
        return asViewer().queryParam("organizationId", organizationId).queryParam("from", "1h")
                .get("/api/v1/sessions/history").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void shouldRecordAnEndedSessionWithAllItsFields() {
        String org = unique("org");
        String module = unique("mod");
        String user = unique("u");
        String session = unique("s");
        track(user, org, session, "start-" + module);
        track(user, org, session, module);
        asIngest().delete("/api/v1/sessions/" + session).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).until(() -> recordsOf(org) == 1);
        JsonPath record = asViewer().queryParam("sessionId", session).get("/api/v1/sessions/history")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(session, record.getString("items[0].sessionId"));
        assertEquals(user, record.getString("items[0].userId"));
        assertEquals(org, record.getString("items[0].organizationId"));
        assertEquals(module, record.getString("items[0].moduleId"));
        assertEquals("Mozilla/5.0 (test)", record.getString("items[0].userAgent"));
        assertEquals("10.1.2.3", record.getString("items[0].ipAddress"));
        assertEquals("ended", record.getString("items[0].endReason"));
        assertEquals(record.getLong("items[0].durationMillis"),
                java.time.Duration.between(java.time.Instant.parse(record.getString("items[0].startedAt")),
                        java.time.Instant.parse(record.getString("items[0].endedAt"))).toMillis());
    }

    @Test
    void shouldEndIdleSessionsAfterTheirTtl() {
        String org = unique("org");
        String session = unique("s");
        tune("sessions.session-ttl", 1);
        tune("sessions.cleanup-interval", 1);
        try {
            track(unique("u"), org, session, unique("mod"));
            await().atMost(Duration.ofSeconds(15)).until(() -> recordsOf(org) == 1);
            asViewer().queryParam("sessionId", session).get("/api/v1/sessions/history")
                    .then().statusCode(200).body("items[0].endReason", equalTo("expired"));
        } finally {
            tune("sessions.session-ttl", 120);
            tune("sessions.cleanup-interval", 5);
        }
    }

    @Test
    void shouldKeepRecordsInRedisWhilePostgresIsDownAndWriteThemAfter() throws Exception {
        String org = unique("org");
        String module = unique("mod");
        List<Map<String, Object>> heartbeats = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            heartbeats.add(heartbeat(org + "-u" + i, org, org + "-s" + i, module));
        }
        trackAll(heartbeats);

        TestInfrastructure.postgresProxy().cut();
        try {
            // Ingest and ending sessions never wait for PostgreSQL.
            for (int i = 0; i < 40; i++) {
                asIngest().delete("/api/v1/sessions/" + org + "-s" + i).then().statusCode(204);
            }
            asIngest().body(heartbeat(unique("u"), org, unique("s"), module)).post("/api/v1/activity")
                    .then().statusCode(202);
            asViewer().queryParam("organizationId", org).get("/api/v1/sessions/history")
                    .then().statusCode(503).contentType("application/problem+json");
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
            // The ended sessions wait in Redis, visible as the writer's backlog.
            await().atMost(Duration.ofSeconds(20)).until(() -> backlog() >= 40);
        } finally {
            TestInfrastructure.postgresProxy().restore();
        }
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return recordsOf(org) == 40;
            } catch (AssertionError e) {
                return false; // the pool may still hold a broken connection for a moment
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static double backlog() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("crowdpulse_sessions_records_backlog"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
