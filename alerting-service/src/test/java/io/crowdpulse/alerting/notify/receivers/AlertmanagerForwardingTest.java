package io.crowdpulse.alerting.notify.receivers;

import static io.crowdpulse.alerting.notify.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.notify.AlertNotifier;
import io.crowdpulse.alerting.notify.support.AlertmanagerProcess;
import io.crowdpulse.alerting.notify.support.Alerts;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.alerting.notify.support.Receivers;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Forwarding to a real Alertmanager (Debian's prometheus-alertmanager), read back from its own API. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class AlertmanagerForwardingTest {

    private static AlertmanagerProcess alertmanager;

    @Inject
    AlertNotifier notifier;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        alertmanager = AlertmanagerProcess.start();
    }

    @AfterAll
    static void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    /** The alerts Alertmanager holds now (active, silenced or inhibited; not resolved), with the given rule. */
    private static List<Map<String, Object>> alertsOf(String rule) {
        List<Map<String, Object>> all = given().get(alertmanager.url() + "/api/v2/alerts").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(a -> rule.equals(((Map<?, ?>) a.get("labels")).get("alertname"))).toList();
    }

    @Test
    void shouldForwardFiringAlertsAndTheirResolutionToAlertmanager() {
        String target = unique("api");
        String name = unique("am");
        String rule = unique("latency");
        try {
            Receivers.create(name, "alertmanager", alertmanager.url(), target, Map.of());
            Alert alert = Alerts.firing(rule, target, Map.of("route", "/orders"));
            notifier.alertChanged(alert);

            await().atMost(Duration.ofSeconds(15)).until(() -> alertsOf(rule).size() == 1);
            Map<String, Object> held = alertsOf(rule).get(0);
            assertEquals(Map.of("alertname", rule, "severity", "warning", "metric", "http.p99_ms", "target", target,
                    "route", "/orders"), held.get("labels"));
            Map<?, ?> annotations = (Map<?, ?>) held.get("annotations");
            assertEquals("p99 latency above 500 ms", annotations.get("summary"));
            assertEquals("900", annotations.get("value"));
            assertEquals("500", annotations.get("threshold"));
            // Alertmanager keeps milliseconds.
            assertEquals(alert.startsAt().truncatedTo(ChronoUnit.MILLIS), Instant.parse((String) held.get("startsAt")));
            assertEquals("http://crowdpulse.test:8083/api/v1/alerts/" + alert.id(), held.get("generatorURL"));
            assertEquals("active", ((Map<?, ?>) held.get("status")).get("state"));
            // Without an end of its own, Alertmanager keeps it for its resolve_timeout past the post.
            assertTrue(Instant.parse((String) held.get("endsAt")).isAfter(Instant.now()));

            notifier.alertChanged(Alerts.resolved(alert));
            await().atMost(Duration.ofSeconds(15)).until(() -> alertsOf(rule).isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> Receivers.deliveries(name).stream()
                    .filter(d -> "delivered".equals(d.get("state"))).count() == 2);
            assertEquals(List.of("resolved", "firing"),
                    Receivers.deliveries(name).stream().map(d -> d.get("status")).toList());
        } finally {
            Receivers.delete(name);
        }
    }
}
