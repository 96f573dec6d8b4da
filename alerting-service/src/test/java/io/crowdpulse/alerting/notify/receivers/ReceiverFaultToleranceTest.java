package io.crowdpulse.alerting.notify.receivers;

import static io.crowdpulse.alerting.notify.support.Api.asAdmin;
import static io.crowdpulse.alerting.notify.support.Api.asViewer;
import static io.crowdpulse.alerting.notify.support.Api.unique;
import static io.crowdpulse.alerting.notify.support.Receivers.awaitOnlyDelivery;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.notify.AlertNotifier;
import io.crowdpulse.alerting.notify.support.Alerts;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.alerting.notify.support.Receivers;
import io.crowdpulse.alerting.notify.support.Webhook;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The timeout, circuit breaker and bulkhead of posts to receivers, changed through the {@code notify.*} knobs
 * and seen in {@code GET /api/v1/concurrency}, against real HTTP receivers.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class ReceiverFaultToleranceTest {

    /** The settings of {@link NotifyTestProfile} (send-timeout 2 s) and the defaults, set back after every test. */
    private static final Map<String, Number> DEFAULTS = Map.of("notify.timeout", 2000,
            "notify.circuit-failure-ratio", 0.8, "notify.circuit-delay", 30_000, "notify.bulkhead", 2);

    @Inject
    AlertNotifier notifier;

    /** Every test's own receiver. */
    private Webhook webhook;

    @BeforeEach
    void receiver() throws Exception {
        webhook = Webhook.create("guarded");
    }

    @AfterEach
    void restore() {
        webhook.close();
        DEFAULTS.forEach(ReceiverFaultToleranceTest::setKnob);
    }

    @Test
    void shouldShowAReceiversCircuitWithItsSettingsAndForgetItWithTheReceiver() {
        notifier.alertChanged(Alerts.firing("high-latency", webhook.target(), Map.of()));
        awaitOnlyDelivery(webhook.name(), "delivered", Duration.ofSeconds(10));

        String name = webhook.name();
        assertEquals(Map.of("name", "receiver:" + name, "protects", "receiver " + name, "state", "closed",
                "timeoutMs", 2000, "maxRetries", 0, "requestVolume", 10, "failureRatio", 0.8f, "delayMs", 30_000,
                "bulkhead", 2), circuit());
        asViewer().get("/api/v1/tuning/notify.timeout").then().statusCode(200).body("value", equalTo(2000))
                .body("min", equalTo(50)).body("max", equalTo(2500)).body("unit", equalTo("ms"));

        Receivers.delete(name);
        assertNull(circuit(), "a deleted receiver's circuit is gone");
    }

    @Test
    void shouldGiveUpOnASlowReceiverWithinTheShortenedTimeoutAndDeliverOnceItIsRaised() {
        webhook.hook().answerAfter(800);
        setKnob("notify.timeout", 300);
        notifier.alertChanged(Alerts.firing("high-latency", webhook.target(), Map.of()));

        Map<String, Object> dead = awaitOnlyDelivery(webhook.name(), "dead", Duration.ofSeconds(30));
        assertEquals(NotifyTestProfile.MAX_ATTEMPTS, dead.get("attempts"));
        String error = (String) dead.get("lastError");
        assertTrue(error.contains("no answer from " + webhook.hook().url("/hook") + " within 300 ms"), error);

        // Raised again, the post waits again: the receiver's HTTP client follows the knob too.
        setKnob("notify.timeout", 2000);
        asAdmin().post("/api/v1/notifications/deliveries/" + dead.get("id") + "/retry").then().statusCode(200);
        assertEquals(1, awaitOnlyDelivery(webhook.name(), "delivered", Duration.ofSeconds(10)).get("attempts"));
    }

    @Test
    void shouldOpenAFailingReceiversCircuitAndCloseItAfterTheTunedDelayOnceItAnswers() {
        webhook.hook().answerFromNowOn(500);
        setKnob("notify.circuit-delay", 1000);
        // Four groups of four attempts each: the circuit looks at ten posts.
        for (int i = 0; i < 4; i++) {
            notifier.alertChanged(Alerts.firing(unique("rule"), webhook.target(), Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> circuit() != null && "open".equals(circuit().get("state")));
        assertEquals(1000, circuit().get("delayMs"));
        webhook.hook().answerFromNowOn(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> Receivers.deliveries(webhook.name()).stream()
                .anyMatch(d -> "delivered".equals(d.get("state"))
                        && String.valueOf(d.get("lastError")).contains("circuit open: " + webhook.name())));
        assertEquals("closed", circuit().get("state"));
    }

    @Test
    void shouldRefuseNotifyKnobValuesOutsideTheirBoundsAndOfferNoRetries() {
        List<Map.Entry<String, Object>> bad = List.of(Map.entry("notify.timeout", 49), Map.entry("notify.timeout", 2501),
                Map.entry("notify.circuit-failure-ratio", 0.04), Map.entry("notify.circuit-failure-ratio", 1.5),
                Map.entry("notify.circuit-delay", 99), Map.entry("notify.circuit-delay", 600_001),
                Map.entry("notify.bulkhead", 0), Map.entry("notify.bulkhead", 65), Map.entry("notify.bulkhead", 1.5));
        for (Map.Entry<String, Object> b : bad) {
            asAdmin().body(Map.of("value", b.getValue())).put("/api/v1/tuning/" + b.getKey()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("value"));
        }
        DEFAULTS.forEach((name, value) -> asViewer().get("/api/v1/tuning/" + name).then()
                .body("value", equalTo(value instanceof Double d ? (Object) d.floatValue() : value)));
        // The outbox owns the retry schedule of a delivery.
        asAdmin().body(Map.of("value", 1)).put("/api/v1/tuning/notify.max-retries").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("notify.max-retries"));
    }

    /** This test's receiver's circuit breaker as {@code GET /api/v1/concurrency} shows it; null when it has none. */
    private Map<String, Object> circuit() {
        return asViewer().get("/api/v1/concurrency").then().statusCode(200).extract().jsonPath()
                .getMap("circuitBreakers.find { it.name == 'receiver:" + webhook.name() + "' }");
    }

    private static void setKnob(String name, Number value) {
        asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + name).then().statusCode(200);
    }
}
