package io.crowdpulse.alerting.notify.grouping;

import static io.crowdpulse.alerting.notify.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.notify.AlertNotifier;
import io.crowdpulse.alerting.notify.support.Alerts;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.alerting.notify.support.Receivers;
import io.crowdpulse.alerting.notify.support.RecordingReceiver;
import io.crowdpulse.alerting.notify.support.Webhook;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What a webhook receiver hears as alerts change (group wait 300 ms, group interval 1 s): grouped,
 * resolved, held back while suppressed, never twice.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class GroupingFlowTest {

    private static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    AlertNotifier notifier;

    private Webhook webhook;
    private RecordingReceiver hook;
    private String target;
    private String name;

    @BeforeEach
    void receiver() throws Exception {
        webhook = Webhook.create("api");
        hook = webhook.hook();
        target = webhook.target();
        name = webhook.name();
    }

    @AfterEach
    void close() {
        webhook.close();
    }

    private JsonNode awaitNotification(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> hook.count() >= n);
        return hook.requests().get(n - 1).json();
    }

    private void assertQuietAt(int count) {
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> hook.count() == count);
    }

    private static List<String> fingerprints(JsonNode body) {
        List<String> list = new ArrayList<>();
        body.get("alerts").forEach(a -> list.add(a.get("fingerprint").asText()));
        return list;
    }

    @Test
    void shouldSendAlertsOfOneGroupArrivingWithinGroupWaitAsOneNotification() {
        Alert first = Alerts.firing("high-latency", target, Map.of("route", "/orders"));
        Alert second = Alerts.firing("high-latency", target, Map.of("route", "/cart"));
        notifier.alertChanged(first);
        notifier.alertChanged(second);

        JsonNode body = awaitNotification(1);
        assertQuietAt(1);
        assertEquals(2, body.get("alerts").size());
        assertEquals(List.of(first.fingerprint(), second.fingerprint()).stream().sorted().toList(),
                fingerprints(body).stream().sorted().toList());
        assertEquals("high-latency", body.get("groupLabels").get("alertname").asText());
        assertEquals(target, body.get("commonLabels").get("target").asText());
        assertFalse(body.get("commonLabels").has("route"), "route differs between the alerts: " + body.get("commonLabels"));
    }

    @Test
    void shouldWaitAGroupIntervalBeforeTellingANotifiedGroupOfANewAlert() {
        Alert first = Alerts.firing("high-latency", target, Map.of("route", "/orders"));
        notifier.alertChanged(first);
        awaitNotification(1);
        Instant firstAt = Instant.now();

        Alert second = Alerts.firing("high-latency", target, Map.of("route", "/cart"));
        notifier.alertChanged(second);
        JsonNode body = awaitNotification(2);
        Duration gap = Duration.between(firstAt, Instant.now());
        assertTrue(gap.toMillis() >= 700, "second notification came " + gap + " after the first, within the group interval");
        // Like Alertmanager: the group's notification carries every firing alert.
        assertEquals(2, body.get("alerts").size());
        assertQuietAt(2);
    }

    @Test
    void shouldTellTheResolutionOfANotifiedAlert() {
        Alert alert = Alerts.firing("error-rate", target, Map.of());
        notifier.alertChanged(alert);
        awaitNotification(1);

        Alert resolved = Alerts.resolved(alert);
        notifier.alertChanged(resolved);
        JsonNode body = awaitNotification(2);
        assertEquals("resolved", body.get("status").asText());
        assertEquals(1, body.get("alerts").size());
        JsonNode a = body.get("alerts").get(0);
        assertEquals("resolved", a.get("status").asText());
        assertEquals(resolved.endsAt(), Instant.parse(a.get("endsAt").asText()));
        assertEquals(alert.fingerprint(), a.get("fingerprint").asText());
        assertQuietAt(2);
    }

    @Test
    void shouldTellNothingOfAnAlertResolvedBeforeItWasNotified() {
        Alert alert = Alerts.firing("error-rate", target, Map.of());
        notifier.alertChanged(alert);
        notifier.alertChanged(Alerts.resolved(alert));
        assertQuietAt(0);
    }

    @Test
    void shouldHoldBackSilencedAndFlappingAlertsUntilTheySettleFiring() {
        Alert silenced = Alerts.suppressed(Alerts.firing("cpu", target, Map.of("core", "0")), true, false);
        notifier.alertChanged(silenced);
        assertQuietAt(0);
        notifier.alertChanged(Alerts.suppressed(silenced, false, false));
        JsonNode body = awaitNotification(1);
        assertEquals(List.of(silenced.fingerprint()), fingerprints(body));

        Alert flapping = Alerts.suppressed(Alerts.firing("memory", target, Map.of()), false, true);
        notifier.alertChanged(flapping);
        assertQuietAt(1);
        notifier.alertChanged(Alerts.suppressed(flapping, false, false));
        body = awaitNotification(2);
        assertEquals("memory", body.get("groupLabels").get("alertname").asText());

        Alert settlesResolved = Alerts.suppressed(Alerts.firing("queue", target, Map.of()), false, true);
        notifier.alertChanged(settlesResolved);
        notifier.alertChanged(Alerts.resolved(Alerts.suppressed(settlesResolved, false, false)));
        assertQuietAt(2);
    }

    @Test
    void shouldNotNotifyTwiceOfTheSameState() {
        Alert alert = Alerts.firing("high-latency", target, Map.of());
        notifier.alertChanged(alert);
        notifier.alertChanged(alert);
        notifier.alertChanged(Alerts.touched(alert));
        awaitNotification(1);
        notifier.alertChanged(Alerts.touched(alert));
        notifier.alertChanged(alert);
        assertQuietAt(1);
        assertEquals(1, Receivers.deliveries(name).size());
    }
}
