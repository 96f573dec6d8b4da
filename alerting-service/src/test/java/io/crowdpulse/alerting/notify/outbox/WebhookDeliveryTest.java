package io.crowdpulse.alerting.notify.outbox;

import static io.crowdpulse.alerting.notify.support.Api.asAdmin;
import static io.crowdpulse.alerting.notify.support.Api.unique;
import static io.crowdpulse.alerting.notify.support.Receivers.awaitOnlyDelivery;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.notify.AlertNotifier;
import io.crowdpulse.alerting.notify.support.Alerts;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.alerting.notify.support.Receivers;
import io.crowdpulse.alerting.notify.support.RecordingReceiver;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Webhook deliveries through the outbox against a real HTTP receiver: payload, retries, dead letters. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class WebhookDeliveryTest {

    @Inject
    AlertNotifier notifier;

    @Test
    void shouldDeliverTheV4PayloadRetryingAReceiverThatFailsTwice() throws Exception {
        String target = unique("api");
        String name = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(200, 500, 500)) {
            Receivers.create(name, "webhook", hook.url("/hooks/crowdpulse"), target, Map.of("X-Token", "s3cret"));
            Alert alert = Alerts.firing("high-latency", target, Map.of("route", "/orders"));
            notifier.alertChanged(alert);

            Map<String, Object> delivery = awaitOnlyDelivery(name, "delivered", Duration.ofSeconds(20));
            assertEquals(3, delivery.get("attempts"));
            assertEquals("firing", delivery.get("status"));
            assertEquals(1, delivery.get("alertCount"));
            assertTrue(((String) delivery.get("lastError")).contains("HTTP 500"), "last error: " + delivery.get("lastError"));
            assertEquals("4", ((Map<?, ?>) delivery.get("payload")).get("version"));
            assertEquals(3, hook.count());

            for (RecordingReceiver.Request request : hook.requests()) {
                assertEquals("POST", request.method());
                assertEquals("/hooks/crowdpulse", request.path());
                assertEquals("s3cret", request.header("X-Token"));
                assertTrue(request.header("Content-Type").startsWith("application/json"));
            }
            JsonNode body = hook.requests().get(2).json();
            String groupKey = "{alertname=\"high-latency\",target=\"" + target + "\"}";
            assertEquals("4", body.get("version").asText());
            assertEquals(groupKey, body.get("groupKey").asText());
            assertEquals(0, body.get("truncatedAlerts").asInt());
            assertEquals("firing", body.get("status").asText());
            assertEquals(name, body.get("receiver").asText());
            assertEquals(Map.of("alertname", "high-latency", "target", target), map(body.get("groupLabels")));
            assertEquals(Map.of("alertname", "high-latency", "severity", "warning", "metric", "http.p99_ms",
                    "target", target, "route", "/orders"), map(body.get("commonLabels")));
            assertEquals("p99 latency above 500 ms", body.get("commonAnnotations").get("summary").asText());
            assertEquals("http://crowdpulse.test:8083", body.get("externalURL").asText());

            JsonNode a = body.get("alerts").get(0);
            assertEquals(1, body.get("alerts").size());
            assertEquals("firing", a.get("status").asText());
            assertEquals(map(body.get("commonLabels")), map(a.get("labels")));
            assertEquals(Map.of("summary", "p99 latency above 500 ms", "description", "p99 latency of " + target + " is 900 ms",
                    "value", "900", "threshold", "500"), map(a.get("annotations")));
            assertEquals(alert.startsAt(), Instant.parse(a.get("startsAt").asText()));
            assertEquals("0001-01-01T00:00:00Z", a.get("endsAt").asText());
            assertEquals("http://crowdpulse.test:8083/api/v1/alerts/" + alert.id(), a.get("generatorURL").asText());
            assertEquals(alert.fingerprint(), a.get("fingerprint").asText());
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldDeadLetterAfterTheLastAttemptAndSendAgainOnRetry() throws Exception {
        String target = unique("db");
        String name = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(503)) {
            Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
            notifier.alertChanged(Alerts.firing("high-latency", target, Map.of()));

            Map<String, Object> dead = awaitOnlyDelivery(name, "dead", Duration.ofSeconds(20));
            assertEquals(NotifyTestProfile.MAX_ATTEMPTS, dead.get("attempts"));
            assertTrue(((String) dead.get("lastError")).contains("HTTP 503"), "last error: " + dead.get("lastError"));
            assertEquals(NotifyTestProfile.MAX_ATTEMPTS, hook.count());

            hook.answerFromNowOn(200);
            String id = (String) dead.get("id");
            asAdmin().post("/api/v1/notifications/deliveries/" + id + "/retry").then().statusCode(200)
                    .body("id", equalTo(id)).body("state", equalTo("pending")).body("attempts", equalTo(0));
            Map<String, Object> delivered = awaitOnlyDelivery(name, "delivered", Duration.ofSeconds(10));
            assertEquals(1, delivered.get("attempts"));
            assertEquals(NotifyTestProfile.MAX_ATTEMPTS + 1, hook.count());
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> hook.count() == NotifyTestProfile.MAX_ATTEMPTS + 1);

            asAdmin().post("/api/v1/notifications/deliveries/" + id + "/retry").then().statusCode(409)
                    .contentType("application/problem+json");
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldDeadLetterAtOnceWhenTheReceiverRefusesTheNotification() throws Exception {
        String target = unique("web");
        String name = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(400)) {
            Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
            notifier.alertChanged(Alerts.firing("high-latency", target, Map.of()));

            Map<String, Object> dead = awaitOnlyDelivery(name, "dead", Duration.ofSeconds(10));
            assertEquals(1, dead.get("attempts"));
            assertTrue(((String) dead.get("lastError")).contains("HTTP 400"), "last error: " + dead.get("lastError"));
            assertEquals(1, hook.count());
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldPostSlackTextToASlackReceiver() throws Exception {
        String target = unique("checkout");
        String name = unique("slack");
        try (RecordingReceiver slack = RecordingReceiver.answering(200)) {
            Receivers.create(name, "slack", slack.url("/services/T000/B000/XXX"), target, Map.of());
            notifier.alertChanged(Alerts.firing("high-latency", target, Map.of()));

            awaitOnlyDelivery(name, "delivered", Duration.ofSeconds(10));
            JsonNode body = slack.requests().get(0).json();
            assertEquals(List.of("text"), List.copyOf(iterable(body.fieldNames())));
            String text = body.get("text").asText();
            assertTrue(text.startsWith("[FIRING:1] alertname=high-latency target=" + target + "\n"), text);
            assertTrue(text.contains("• WARNING high-latency on " + target
                    + ": http.p99_ms = 900 (threshold 500) — p99 latency above 500 ms"), text);
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldWriteNotificationsOfAConfiguredLogReceiver() {
        String rule = unique("logged");
        notifier.alertChanged(Alerts.firing(rule, NotifyTestProfile.CONFIGURED_LOG_TARGET, Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Receivers.deliveries(NotifyTestProfile.CONFIGURED_LOG_RECEIVER)
                .stream().anyMatch(d -> "delivered".equals(d.get("state")) && ((String) d.get("groupKey")).contains(rule)));
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
