package io.crowdpulse.optimizer.targets;

import static io.crowdpulse.common.testing.TestKeys.asAdmin;
import static io.crowdpulse.common.testing.TestKeys.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.optimizer.support.ClientProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The tuning client's timeout, retries, circuit breaker and bulkhead, changed through the {@code client.*}
 * knobs and seen in {@code GET /api/v1/concurrency}. Every call goes through {@code POST /api/v1/actions} for
 * a knob the target does not have: a 404 means the target's knobs were read, a 502 says why they were not.
 */
@QuarkusTest
@TestProfile(ClientProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class TuningClientFaultToleranceTest {

    private static final String TARGET = ClientProfile.TARGET;
    private static final String BREAKER = "circuitBreakers.find { it.name == 'tuning-api:" + TARGET + "' }";
    /** The configured settings (application.properties defaults), set back after every test. */
    private static final Map<String, Number> DEFAULTS = Map.of("client.timeout", 2000, "client.max-retries", 2,
            "client.circuit-failure-ratio", 0.5, "client.circuit-delay", 10_000, "client.bulkhead", 4);

    @AfterEach
    void restore() {
        ClientProfile.FLAKY.behave(0, 0);
        DEFAULTS.forEach(TuningClientFaultToleranceTest::setKnob);
    }

    @Test
    void shouldListTheClientKnobsAndAClosedCircuitPerTarget() {
        asViewer().get("/api/v1/tuning/client.timeout").then().statusCode(200)
                .body("value", equalTo(2000)).body("min", equalTo(50)).body("max", equalTo(60_000)).body("unit", equalTo("ms"));
        asViewer().get("/api/v1/tuning/client.max-retries").then().body("value", equalTo(2)).body("max", equalTo(10));
        asViewer().get("/api/v1/tuning/client.circuit-failure-ratio").then().body("value", equalTo(0.5))
                .body("min", equalTo(0.05)).body("max", equalTo(1.0));
        asViewer().get("/api/v1/tuning/client.circuit-delay").then().body("value", equalTo(10_000)).body("unit", equalTo("ms"));
        asViewer().get("/api/v1/tuning/client.bulkhead").then().body("value", equalTo(4)).body("max", equalTo(64));

        assertEquals(Map.of("name", "tuning-api:" + TARGET, "protects", "tuning API of " + TARGET, "state", "closed",
                "timeoutMs", 2000, "maxRetries", 2, "requestVolume", 10, "failureRatio", 0.5, "delayMs", 10_000,
                "bulkhead", 4), asViewer().get("/api/v1/concurrency").then().statusCode(200).extract().jsonPath()
                .getMap(BREAKER));
        asViewer().get("/api/v1/concurrency").then()
                .body("circuitBreakers.find { it.name == 'tuning-api:session-service' }.state", equalTo("closed"));
    }

    @Test
    void shouldGiveUpOnASlowTargetWithinTheShortenedTimeoutAndWaitAgainOnceItIsRaised() {
        ClientProfile.FLAKY.behave(0, 1500);
        probe().then().statusCode(404);

        setKnob("client.timeout", 200);
        setKnob("client.max-retries", 0);
        probe().then().statusCode(502).time(lessThan(1000L))
                .body("detail", containsString("no answer from " + TARGET + " within 200 ms"));
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".timeoutMs", equalTo(200));

        // Raised again, the client waits again: its HTTP client's read timeout follows the knob too.
        setKnob("client.timeout", 2000);
        probe().then().statusCode(404);
    }

    @Test
    void shouldRetryAFailingTargetAsOftenAsTheKnobSays() {
        ClientProfile.FLAKY.behave(503, 0);
        setKnob("client.max-retries", 0);
        int before = ClientProfile.FLAKY.requests();
        probe().then().statusCode(502).body("detail", containsString("HTTP 503"));
        assertEquals(before + 1, ClientProfile.FLAKY.requests(), "no retry");

        setKnob("client.max-retries", 3);
        before = ClientProfile.FLAKY.requests();
        probe().then().statusCode(502).body("detail", containsString("HTTP 503"));
        assertEquals(before + 4, ClientProfile.FLAKY.requests(), "three retries");
    }

    @Test
    void shouldOpenTheCircuitAfterFailuresAndTryAgainAfterTheTunedDelay() {
        setKnob("client.max-retries", 0);
        setKnob("client.circuit-delay", 1000);
        ClientProfile.FLAKY.behave(500, 0);
        for (int i = 0; i < 10; i++) {
            probe().then().statusCode(502).body("detail", containsString("HTTP 500"));
        }
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".state", equalTo("open"))
                .body(BREAKER + ".delayMs", equalTo(1000));
        int calls = ClientProfile.FLAKY.requests();
        probe().then().statusCode(502).body("detail", containsString("circuit open"));
        assertEquals(calls, ClientProfile.FLAKY.requests(), "an open circuit lets no call through");

        ClientProfile.FLAKY.behave(0, 0);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> "half-open".equals(
                asViewer().get("/api/v1/concurrency").then().extract().path(BREAKER + ".state")));
        probe().then().statusCode(404);
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".state", equalTo("closed"));
    }

    @Test
    void shouldOpenTheCircuitOnlyAtTheTunedFailureRatio() {
        setKnob("client.max-retries", 0);
        setKnob("client.circuit-failure-ratio", 1.0);
        oneSuccessThenNineFailures();
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".state", equalTo("closed"));

        setKnob("client.circuit-failure-ratio", 0.5);
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".state", equalTo("closed"))
                .body(BREAKER + ".failureRatio", equalTo(0.5));
        oneSuccessThenNineFailures();
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".state", equalTo("open"));
    }

    @Test
    void shouldTurnAwayCallsBeyondTheTunedBulkhead() {
        setKnob("client.bulkhead", 1);
        setKnob("client.max-retries", 0);
        ClientProfile.FLAKY.behave(0, 1500);
        int before = ClientProfile.FLAKY.requests();
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> probe().statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> ClientProfile.FLAKY.requests() > before);

        probe().then().statusCode(502).time(lessThan(1000L))
                .body("detail", containsString("too many calls to " + TARGET + " in flight"));
        assertEquals(404, slow.join(), "the call in flight still gets its answer");
    }

    @Test
    void shouldRefuseClientKnobValuesOutsideTheirBoundsAndKeepTheOldOnes() {
        List<Map.Entry<String, Object>> bad = List.of(Map.entry("client.timeout", 49), Map.entry("client.timeout", 60_001),
                Map.entry("client.timeout", 100.5), Map.entry("client.max-retries", -1), Map.entry("client.max-retries", 11),
                Map.entry("client.circuit-failure-ratio", 0.0), Map.entry("client.circuit-failure-ratio", 1.01),
                Map.entry("client.circuit-delay", 99), Map.entry("client.circuit-delay", 600_001),
                Map.entry("client.bulkhead", 0), Map.entry("client.bulkhead", 65));
        for (Map.Entry<String, Object> b : bad) {
            asAdmin().body(Map.of("value", b.getValue())).put("/api/v1/tuning/" + b.getKey()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("value"));
        }
        asAdmin().body(Map.of("value", "fast")).put("/api/v1/tuning/client.timeout").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().body(Map.of()).put("/api/v1/tuning/client.timeout").then().statusCode(400)
                .contentType("application/problem+json");
        DEFAULTS.forEach((name, value) -> asViewer().get("/api/v1/tuning/" + name).then().body("value", equalTo(value)));
        asViewer().get("/api/v1/concurrency").then().body(BREAKER + ".timeoutMs", equalTo(2000))
                .body(BREAKER + ".bulkhead", equalTo(4));
    }

    /** Ten calls: the first answered, the nine after it failing; the circuit looks at ten. */
    private static void oneSuccessThenNineFailures() {
        ClientProfile.FLAKY.behave(0, 0);
        probe().then().statusCode(404);
        ClientProfile.FLAKY.behave(500, 0);
        for (int i = 0; i < 9; i++) {
            probe().then().statusCode(502).body("detail", containsString("HTTP 500"));
        }
    }

    /** A change of a knob the target lacks: the client reads the target's knobs, and nothing changes. */
    private static Response probe() {
        return asAdmin().body(Map.of("target", TARGET, "knob", "no.such-knob", "value", 1)).post("/api/v1/actions");
    }

    private static void setKnob(String name, Number value) {
        asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + name).then().statusCode(200);
    }
}
