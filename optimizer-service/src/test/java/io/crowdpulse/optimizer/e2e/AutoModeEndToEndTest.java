package io.crowdpulse.optimizer.e2e;

import static io.crowdpulse.common.testing.TestKeys.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.optimizer.support.Bus;
import io.crowdpulse.optimizer.support.Feed;
import io.crowdpulse.optimizer.support.SessionServiceProcess;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Auto mode end to end against a real, separately running session-service: snapshots showing memory pressure
 * with lingering sessions make the session-cleanup strategy fire; the optimizer shortens
 * {@code sessions.cleanup-interval} through session-service's tuning API; snapshots during the verification
 * window show latency degrading, and the optimizer sets the knob back. Both state changes are stored
 * (API) and published (channel).
 */
@QuarkusTest
@TestProfile(AutoModeProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class AutoModeEndToEndTest {

    private static final Map<String, Double> PRESSED = Map.of("system.memory", 0.9, "system.cpu", 0.3,
            "sessions.active_sessions", 500.0, "sessions.concurrent_users", 100.0, "http.p95_ms", 10.0,
            "http.p99_ms", 20.0, "http.rps", 200.0, "http.error_rate", 0.0);

    @Inject
    ReactiveRedisDataSource redis;

    private static long cleanupInterval() {
        return given().baseUri(System.getProperty(SessionServiceProcess.URL_PROPERTY))
                .header("Authorization", "Bearer " + SessionServiceProcess.VIEWER_KEY)
                .get("/api/v1/tuning/sessions.cleanup-interval").then().statusCode(200).extract().jsonPath().getLong("value");
    }

    @Test
    void shouldApplyAChangeOnSessionServiceAndRollItBackWhenTheFiguresDegrade() {
        String target = System.getProperty(SessionServiceProcess.TARGET_PROPERTY);
        assertEquals(SessionServiceProcess.CLEANUP_SECONDS, cleanupInterval());
        asViewer().get("/api/v1/optimizer/config").then().statusCode(200).body("mode", equalTo("auto"));
        try (Bus bus = new Bus(redis); Feed feed = new Feed(bus, target, PRESSED, 100)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    actions(target).getInt("total") > 0);
            JsonPath first = actions(target);
            String id = first.getString("items[0].id");
            assertEquals("session-cleanup", first.getString("items[0].strategy"));
            assertEquals("sessions.cleanup-interval", first.getString("items[0].knob"));
            assertEquals("auto", first.getString("items[0].origin"));
            assertEquals(8.0, first.getDouble("items[0].from"));
            assertEquals(4.0, first.getDouble("items[0].to"));
            assertEquals(4, cleanupInterval(), "applied through session-service's tuning API");

            // The window after the change: latency up tenfold.
            Map<String, Double> worse = new HashMap<>(PRESSED);
            worse.put("http.p99_ms", 200.0);
            worse.put("http.p95_ms", 100.0);
            feed.figures(worse);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() ->
                    "rolled_back".equals(asViewer().get("/api/v1/actions/" + id).then().extract().path("action.state")));
            assertEquals(8, cleanupInterval(), "rolled back on session-service");
            asViewer().get("/api/v1/actions/" + id).then().statusCode(200)
                    .body("action.measuredImpact", lessThan(0.0)).body("action.before.p99Ms", equalTo(20.0))
                    .body("action.after.p99Ms", notNullValue()).body("action.summary", notNullValue())
                    .body("timeline.state", equalTo(List.of("applying", "applied", "rolled_back")));
            await().atMost(Duration.ofSeconds(5)).until(() -> bus.statesOf(id).size() == 2);
            assertEquals(List.of("applied", "rolled_back"), bus.statesOf(id));
            Map<String, Object> event = bus.actionEvents(id).get(1);
            assertEquals("optimizer.action", event.get("type"));
            assertEquals(1, event.get("version"));

            String recommendation = first.getString("items[0].recommendationId");
            asViewer().get("/api/v1/recommendations/" + recommendation).then().statusCode(200)
                    .body("status", equalTo("applied")).body("actionId", equalTo(id));

            // The cooldown keeps the optimizer from trying the same knob again at once.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            assertEquals(1, actions(target).getInt("total"));
            assertEquals(8, cleanupInterval());
        }
    }

    private static JsonPath actions(String target) {
        return asViewer().queryParam("target", target).get("/api/v1/actions").then().statusCode(200).extract().jsonPath();
    }
}
