package io.crowdpulse.alerting.alerts;

import static io.crowdpulse.alerting.support.Api.asAdmin;
import static io.crowdpulse.alerting.support.Api.unique;
import static io.crowdpulse.alerting.support.Bus.sample;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.alerting.notify.support.RecordingReceiver;
import io.crowdpulse.alerting.support.Bus;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The whole path: a breaching snapshot on Redis fires a rule, and a webhook receives it in the Alertmanager format. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class BreachToWebhookTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void shouldDeliverAFiringAlertToAWebhookOnce() throws Exception {
        String rule = unique("e2e");
        String target = unique("shop");
        String receiver = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(200); Bus bus = new Bus(redis)) {
            asAdmin().body(Map.of("name", receiver, "type", "webhook", "url", hook.url("/alerts"),
                    "match", Map.of("alertname", rule))).post("/api/v1/notifications/receivers").then().statusCode(201);
            asAdmin().body(Map.of("name", rule, "kind", "threshold", "metric", "http.p99_ms", "target", target,
                    "comparator", ">", "threshold", 500, "severity", "critical", "summary", "p99 of {{target}} is {{value}} ms"))
                    .post("/api/v1/rules").then().statusCode(201);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    bus.snapshot(sample("http.p99_ms", target, 900));
                    return hook.count() > 0;
                });
                JsonNode payload = hook.requests().get(0).json();
                assertEquals("4", payload.get("version").asText());
                assertEquals("firing", payload.get("status").asText());
                JsonNode alert = payload.get("alerts").get(0);
                assertEquals(rule, alert.get("labels").get("alertname").asText());
                assertEquals(target, alert.get("labels").get("target").asText());
                assertEquals("critical", alert.get("labels").get("severity").asText());
                assertEquals("p99 of " + target + " is 900 ms", alert.get("annotations").get("summary").asText());
                // repeated breaches update the alert; they do not notify again within the group interval
                bus.snapshot(sample("http.p99_ms", target, 950));
                await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
                assertEquals(1, hook.count());
            } finally {
                asAdmin().delete("/api/v1/rules/" + rule);
                asAdmin().delete("/api/v1/notifications/receivers/" + receiver);
            }
        }
    }
}
