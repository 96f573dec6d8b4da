package io.crowdpulse.optimizer.api;

import static io.crowdpulse.common.testing.TestKeys.asAdmin;
import static io.crowdpulse.common.testing.TestKeys.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.optimizer.support.ApiProfile;
import io.crowdpulse.optimizer.support.Bus;
import io.crowdpulse.optimizer.support.Feed;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The optimizer through its API against the real Redis and PostgreSQL, tuning a small application that
 * implements the tuning contract ({@link io.crowdpulse.optimizer.support.FakeTarget}).
 */
@QuarkusTest
@TestProfile(ApiProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class OptimizerApiTest {

    private static final String TARGET = ApiProfile.TARGET;
    /** Memory under pressure with lingering sessions and CPU saturated: session-cleanup and worker-pool fire. */
    private static final Map<String, Double> PRESSED = Map.of("system.memory", 0.9, "system.cpu", 0.95,
            "sessions.active_sessions", 500.0, "sessions.concurrent_users", 100.0, "http.p95_ms", 10.0,
            "http.p99_ms", 20.0, "http.rps", 200.0, "http.error_rate", 0.0);
    /** Nothing for any strategy to act on. */
    private static final Map<String, Double> CALM = Map.of("system.memory", 0.4, "system.cpu", 0.3,
            "sessions.active_sessions", 100.0, "sessions.concurrent_users", 100.0, "http.p95_ms", 10.0,
            "http.p99_ms", 20.0, "http.rps", 200.0, "http.error_rate", 0.0);

    @Inject
    ReactiveRedisDataSource redis;

    private Bus bus;

    @BeforeEach
    void bus() {
        bus = new Bus(redis);
    }

    @AfterEach
    void restore() {
        bus.close();
        asAdmin().body(Map.of("mode", "recommend", "dryRun", false, "rollbackThreshold", 0.1, "cooldown", "0s"))
                .put("/api/v1/optimizer/config").then().statusCode(200);
    }

    @Test
    void shouldShowAndChangeTheSettingsWithinTheirBoundsAndKeepThem() {
        asViewer().get("/api/v1/optimizer/config").then().statusCode(200)
                .body("mode", equalTo("recommend")).body("verificationWindow", equalTo("2s"))
                .body("targets", hasItem(TARGET)).body("maxReplicas", equalTo(10));
        asAdmin().body(Map.of("rollbackThreshold", 0.2, "cooldown", "90s", "budgetPerHour", 3))
                .put("/api/v1/optimizer/config").then().statusCode(200)
                .body("rollbackThreshold", equalTo(0.2)).body("cooldown", equalTo("90s")).body("budgetPerHour", equalTo(3))
                .body("mode", equalTo("recommend"));
        asViewer().get("/api/v1/optimizer/config").then().body("rollbackThreshold", equalTo(0.2));
        asViewer().get("/api/v1/tuning/optimizer.rollback-threshold").then().statusCode(200).body("value", equalTo(0.2));
        asAdmin().body(Map.of("value", 0.3)).put("/api/v1/tuning/optimizer.rollback-threshold").then().statusCode(200);
        asViewer().get("/api/v1/optimizer/config").then().body("rollbackThreshold", equalTo(0.3));

        asAdmin().body(Map.of("rollbackThreshold", 0)).put("/api/v1/optimizer/config").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("rollbackThreshold"));
        asAdmin().body(Map.of("evaluationInterval", "2h", "budgetPerHour", 5000)).put("/api/v1/optimizer/config")
                .then().statusCode(400).body("errors.field", hasItems("evaluationInterval", "budgetPerHour"));
        asAdmin().body(Map.of("mode", "sometimes")).put("/api/v1/optimizer/config").then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        asAdmin().body(Map.of("verificationWindow", "soon")).put("/api/v1/optimizer/config").then().statusCode(400)
                .body("errors[0].field", equalTo("verificationWindow"));
        asAdmin().body(Map.of("dryRun", "yes")).put("/api/v1/optimizer/config").then().statusCode(400);
        asAdmin().body(Map.of("colour", "blue")).put("/api/v1/optimizer/config").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        asAdmin().body("{\"mode\":").put("/api/v1/optimizer/config").then().statusCode(400)
                .contentType("application/problem+json");
        asViewer().get("/api/v1/optimizer/config").then().body("rollbackThreshold", equalTo(0.3))
                .body("budgetPerHour", equalTo(3));
    }

    @Test
    void shouldRecommendOncePerKnobAndStrategyApplyByHandVerifyAndRollBack() {
        try (Feed feed = new Feed(bus, TARGET, PRESSED, 100)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() ->
                    open().getList("items.strategy").containsAll(List.of("session-cleanup", "worker-pool")));
            JsonPath page = open();
            Map<String, Object> cleanup = recommendation(page, "session-cleanup");
            assertEquals("sessions.cleanup-interval", cleanup.get("knob"));
            assertEquals(20.0, cleanup.get("from"));
            assertEquals(10.0, cleanup.get("to"));
            assertTrue((Double) cleanup.get("expectedImpact") > 0, cleanup.toString());
            assertTrue(((String) cleanup.get("rationale")).contains("memory"), cleanup.toString());
            String id = (String) cleanup.get("id");
            // Further evaluations refresh the open recommendation instead of adding one.
            String updated = (String) cleanup.get("updatedAt");
            await().atMost(Duration.ofSeconds(10)).until(() -> !updated.equals(recommendation(open(), "session-cleanup").get("updatedAt")));
            JsonPath again = asViewer().queryParam("target", TARGET).queryParam("strategy", "session-cleanup")
                    .queryParam("status", "open").get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
            assertEquals(1, again.getInt("total"));
            assertEquals(id, again.getString("items[0].id"));

            String actionId = asAdmin().post("/api/v1/recommendations/" + id + "/apply").then().statusCode(200)
                    .body("state", equalTo("applied")).body("origin", equalTo("manual")).body("from", equalTo(20.0))
                    .body("to", equalTo(10.0)).body("verifyAt", notNullValue()).body("before.samples", greaterThan(4))
                    .extract().path("id");
            assertEquals(10, ApiProfile.FAKE.value("sessions.cleanup-interval"), "changed on the target");
            asViewer().get("/api/v1/recommendations/" + id).then().statusCode(200).body("status", equalTo("applied"))
                    .body("actionId", equalTo(actionId));
            asAdmin().post("/api/v1/recommendations/" + id + "/apply").then().statusCode(409)
                    .contentType("application/problem+json");

            String workerPool = (String) recommendation(open(), "worker-pool").get("id");
            asAdmin().post("/api/v1/recommendations/" + workerPool + "/dismiss").then().statusCode(200)
                    .body("status", equalTo("dismissed")).body("closedBy", containsString("key:"));
            asAdmin().post("/api/v1/recommendations/" + workerPool + "/dismiss").then().statusCode(409);

            // Figures stay as they were: the change is verified, with its measured impact.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() ->
                    "verified".equals(asViewer().get("/api/v1/actions/" + actionId).then().extract().path("action.state")));
            asViewer().get("/api/v1/actions/" + actionId).then().statusCode(200)
                    .body("action.measuredImpact", notNullValue()).body("action.after.samples", greaterThan(4))
                    .body("timeline.state", equalTo(List.of("applying", "applied", "verified")));

            asAdmin().post("/api/v1/actions/" + actionId + "/rollback").then().statusCode(200)
                    .body("state", equalTo("rolled_back"));
            assertEquals(20, ApiProfile.FAKE.value("sessions.cleanup-interval"), "set back on the target");
            asAdmin().post("/api/v1/actions/" + actionId + "/rollback").then().statusCode(409);
            await().atMost(Duration.ofSeconds(5)).until(() -> bus.statesOf(actionId).size() == 3);
            assertEquals(List.of("applied", "verified", "rolled_back"), bus.statesOf(actionId));
            feed.figures(CALM);
        }
    }

    @Test
    void shouldRollBackAChangeByHandWhenTheFiguresDegradeBeyondTheThreshold() {
        ApiProfile.FAKE.set("workers.pool-size", 4);
        try (Feed feed = new Feed(bus, TARGET, CALM, 100)) {
            await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            String id = asAdmin().body(Map.of("target", TARGET, "knob", "workers.pool-size", "value", 1, "note", "test"))
                    .post("/api/v1/actions").then().statusCode(201).body("state", equalTo("applied"))
                    .body("strategy", equalTo("operator")).body("from", equalTo(4.0)).body("to", equalTo(1.0))
                    .body("rationale", equalTo("changed by hand: test")).extract().path("id");
            assertEquals(1, ApiProfile.FAKE.value("workers.pool-size"));
            Map<String, Double> worse = new HashMap<>(CALM);
            worse.put("http.p99_ms", 200.0);
            worse.put("http.p95_ms", 100.0);
            feed.figures(worse);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() ->
                    "rolled_back".equals(asViewer().get("/api/v1/actions/" + id).then().extract().path("action.state")));
            asViewer().get("/api/v1/actions/" + id).then().body("action.measuredImpact", lessThan(0.0))
                    .body("action.changes.p99Ms", greaterThan(0.5)).body("action.summary", notNullValue())
                    .body("timeline.state", equalTo(List.of("applying", "applied", "rolled_back")));
            assertEquals(4, ApiProfile.FAKE.value("workers.pool-size"), "rolled back on the target");
            await().atMost(Duration.ofSeconds(5)).until(() -> bus.statesOf(id).size() == 2);
            assertEquals(List.of("applied", "rolled_back"), bus.statesOf(id));
            asViewer().queryParam("target", TARGET).queryParam("state", "rolled_back").queryParam("size", 500)
                    .get("/api/v1/actions").then().statusCode(200).body("items.id", hasItem(id));
        }
    }

    @Test
    void shouldRecordButChangeNothingInDryRunAndRefuseChangesWhenOff() {
        int before = ApiProfile.FAKE.changes();
        asAdmin().body(Map.of("dryRun", true)).put("/api/v1/optimizer/config").then().statusCode(200);
        asAdmin().body(Map.of("target", TARGET, "knob", "workers.pool-size", "value", 8)).post("/api/v1/actions")
                .then().statusCode(201).body("state", equalTo("dry_run")).body("summary", containsString("dry run"));
        assertEquals(before, ApiProfile.FAKE.changes(), "nothing was changed");

        asAdmin().body(Map.of("mode", "off", "dryRun", false)).put("/api/v1/optimizer/config").then().statusCode(200);
        asAdmin().body(Map.of("target", TARGET, "knob", "workers.pool-size", "value", 8)).post("/api/v1/actions")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("off"));
        asViewer().get("/q/health/well").then().statusCode(200).body("checks.find { it.name == 'optimizer' }.data.mode", equalTo("off"));
    }

    @Test
    void shouldAnswerBadInputWithProblemsThatSayWhatIsWrong() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/actions/" + unknown, "/api/v1/recommendations/" + unknown)) {
            asViewer().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        for (String path : List.of("/api/v1/recommendations/" + unknown + "/apply",
                "/api/v1/recommendations/" + unknown + "/dismiss", "/api/v1/actions/" + unknown + "/rollback")) {
            asAdmin().post(path).then().statusCode(404).contentType("application/problem+json");
        }
        asViewer().get("/api/v1/actions/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        asAdmin().post("/api/v1/recommendations/not-a-uuid/apply").then().statusCode(400);
        for (String query : List.of("size=0", "size=501", "page=-1", "page=x", "state=weird", "target=bad%20name",
                "origin=robot", "from=yesterday")) {
            asViewer().get("/api/v1/actions?" + query).then().statusCode(400).contentType("application/problem+json");
        }
        for (String query : List.of("size=0", "status=closed", "strategy=a%20b")) {
            asViewer().get("/api/v1/recommendations?" + query).then().statusCode(400).contentType("application/problem+json");
        }
        asAdmin().body(Map.of("target", TARGET, "knob", "workers.pool-size", "value", 65)).post("/api/v1/actions")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        asAdmin().body(Map.of("target", TARGET, "knob", "no.such-knob", "value", 1)).post("/api/v1/actions")
                .then().statusCode(404).body("detail", containsString("no.such-knob"));
        asAdmin().body(Map.of("target", "nobody", "knob", "workers.pool-size", "value", 1)).post("/api/v1/actions")
                .then().statusCode(404);
        asAdmin().body(Map.of("target", TARGET, "knob", "workers.pool-size")).post("/api/v1/actions")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        asAdmin().body("{\"target\":").post("/api/v1/actions").then().statusCode(400).contentType("application/problem+json");
        asAdmin().body("[]").post("/api/v1/actions").then().statusCode(400);
        asViewer().get("/api/v1/bottlenecks?target=nobody").then().statusCode(404).contentType("application/problem+json");
        asViewer().get("/api/v1/performance-score?target=bad%20name").then().statusCode(400);
    }

    @Test
    void shouldDiagnoseTheTargetAndListTheStrategies() {
        try (Feed feed = new Feed(bus, TARGET, PRESSED, 100)) {
            asViewer().get("/api/v1/strategies").then().statusCode(200)
                    .body("name", hasItems("queue-size", "worker-pool", "session-cleanup", "rate-limiting", "cache",
                            "connection-pool", "query-ceiling", "limiter-bounds", "autoscaling"))
                    .body("find { it.name == 'session-cleanup' }.description", containsString("sessions.cleanup-interval"));
            await().atMost(Duration.ofSeconds(10)).until(() -> asViewer().queryParam("target", TARGET)
                    .get("/api/v1/bottlenecks").then().extract().jsonPath().getList("[0].bottlenecks").size() > 0);
            asViewer().queryParam("target", TARGET).get("/api/v1/bottlenecks").then().statusCode(200)
                    .body("[0].target", equalTo(TARGET)).body("[0].knobsRead", equalTo(true))
                    .body("[0].bottlenecks.resource", hasItem("CPU"));
            asViewer().get("/api/v1/performance-score").then().statusCode(200)
                    .body("overall.target", equalTo("overall"))
                    .body("targets.target", hasItem(TARGET))
                    .body("targets.find { it.target == '" + TARGET + "' }.score", lessThan(100.0))
                    .body("targets.find { it.target == '" + TARGET + "' }.inputs", notNullValue());
            asViewer().get("/q/health/well").then().statusCode(200).body("checks.find { it.name == 'optimizer' }.data.role", equalTo("leader"));
        }
    }

    @Test
    void shouldBeNotReadyAndAnswer503WhilePostgresIsUnreachable() throws Exception {
        TestInfrastructure.postgresProxy().cut();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
            asViewer().get("/api/v1/actions").then().statusCode(503).contentType("application/problem+json");
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            TestInfrastructure.postgresProxy().restore();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> asViewer().get("/api/v1/actions").statusCode() == 200);
    }

    private static JsonPath open() {
        return asViewer().queryParam("target", TARGET).queryParam("status", "open").queryParam("size", 100)
                .get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> recommendation(JsonPath page, String strategy) {
        return page.getMap("items.find { it.strategy == '" + strategy + "' }");
    }
}
