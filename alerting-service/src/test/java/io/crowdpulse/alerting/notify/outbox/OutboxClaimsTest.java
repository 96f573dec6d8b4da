package io.crowdpulse.alerting.notify.outbox;

import static io.crowdpulse.alerting.notify.support.Api.unique;
import static io.crowdpulse.alerting.notify.support.Receivers.awaitOnlyDelivery;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.notify.grouping.Member;
import io.crowdpulse.alerting.notify.payload.WebhookMessage;
import io.crowdpulse.alerting.notify.support.Alerts;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.alerting.notify.support.Receivers;
import io.crowdpulse.alerting.notify.support.RecordingReceiver;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Claims on the outbox: a delivery left 'sending' by a replica that died is sent again once, after the
 * claim timeout and not before; replicas claiming at the same time send every delivery once (twice only
 * when an attempt failed, as a post that timed out may have arrived all the same).
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class OutboxClaimsTest {

    /** The claim timeout of {@link NotifyTestProfile}. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRepository outbox;

    @Inject
    DeliveryWorker worker;

    @Test
    void shouldSendADeliveryLeftSendingByADeadReplicaExactlyOnceMore() throws Exception {
        String target = unique("api");
        String name = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(200)) {
            Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
            UUID id = insertSending(name, target, Instant.now().minus(Duration.ofMinutes(1)));

            Map<String, Object> delivered = awaitOnlyDelivery(name, "delivered", Duration.ofSeconds(10));
            assertEquals(id.toString(), delivered.get("id"));
            assertEquals(2, delivered.get("attempts"));
            await().during(CLAIM_TIMEOUT.plusSeconds(1)).atMost(CLAIM_TIMEOUT.plusSeconds(3)).until(() -> hook.count() == 1);
            assertEquals("high-latency", hook.requests().get(0).json().get("alerts").get(0).get("labels").get("alertname")
                    .asText());
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldLeaveADeliveryBeingSentAloneUntilTheClaimTimesOut() throws Exception {
        String target = unique("api");
        String name = unique("hook");
        try (RecordingReceiver hook = RecordingReceiver.answering(200)) {
            Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
            Instant claimedAt = Instant.now();
            insertSending(name, target, claimedAt);

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> hook.count() == 0);
            awaitOnlyDelivery(name, "delivered", CLAIM_TIMEOUT.plusSeconds(5));
            assertEquals(1, hook.count());
            Duration waited = Duration.between(claimedAt, Instant.now());
            assertEquals(true, waited.compareTo(CLAIM_TIMEOUT) >= 0, "re-claimed after only " + waited);
        } finally {
            Receivers.delete(name);
        }
    }

    @Test
    void shouldSendEachDeliveryOnceWhileSeveralReplicasClaimAtTheSameTime() throws Exception {
        String target = unique("api");
        String name = unique("hook");
        int count = 30;
        try (RecordingReceiver hook = RecordingReceiver.answering(200)) {
            Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
            for (int i = 0; i < count; i++) {
                insert(name, target + "-" + i, "pending", null);
            }
            // Three more "replicas" claim and send beside this service's own dispatcher.
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            try {
                for (int r = 0; r < 3; r++) {
                    replicas.execute(() -> {
                        while (hook.count() < count) {
                            try {
                                Instant now = Instant.now();
                                outbox.claim(now, now.minus(CLAIM_TIMEOUT), 2).forEach(worker::deliver);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hook.count() >= count);
            } finally {
                replicas.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Receivers.deliveries(name).stream()
                    .allMatch(d -> "delivered".equals(d.get("state"))));
            Map<String, Long> sends = hook.requests().stream()
                    .collect(Collectors.groupingBy(q -> q.json().get("groupKey").asText(), Collectors.counting()));
            assertEquals(count, sends.size(), "every delivery sent: " + sends);
            // Sent twice only after an attempt that failed (a post that timed out may still have arrived, and
            // is retried): two claims of one delivery at the same time would send it twice without one.
            for (Map<String, Object> delivery : Receivers.deliveries(name)) {
                long times = sends.getOrDefault((String) delivery.get("groupKey"), 0L);
                assertTrue(times == 1 || delivery.get("lastError") != null,
                        "sent " + times + " times without a failed attempt: " + delivery);
            }
        } finally {
            Receivers.delete(name);
        }
    }

    private UUID insertSending(String receiver, String target, Instant claimedAt) throws Exception {
        return insert(receiver, target, "sending", claimedAt);
    }

    /** A delivery of one alert of {@code target}; 'sending' as a replica leaves it when it dies between claim and outcome. */
    private UUID insert(String receiver, String target, String state, Instant claimedAt) throws Exception {
        Alert alert = Alerts.firing("high-latency", target, Map.of());
        WebhookMessage message = WebhookMessage.of(receiver, "{alertname=\"high-latency\",target=\"" + target + "\"}",
                Map.of("alertname", "high-latency", "target", target), "http://crowdpulse.test:8083",
                List.of(Member.of(alert, "http://crowdpulse.test:8083")), List.of(), Instant.now());
        UUID id = UUID.randomUUID();
        Instant at = claimedAt == null ? Instant.now() : claimedAt;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_deliveries (id, receiver, group_key, dedupe_key, status, alert_count, payload, state,
                        attempts, next_attempt_at, claimed_at, claim_token, created_at)
                VALUES (?, ?, ?, ?, 'firing', 1, ?::jsonb, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, receiver);
            ps.setString(3, message.groupKey());
            ps.setString(4, receiver + "/" + UUID.randomUUID() + "/1");
            ps.setString(5, json.writeValueAsString(message));
            ps.setString(6, state);
            ps.setInt(7, claimedAt == null ? 0 : 1);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.setTimestamp(9, claimedAt == null ? null : Timestamp.from(claimedAt));
            ps.setObject(10, claimedAt == null ? null : UUID.randomUUID());
            ps.setTimestamp(11, Timestamp.from(at));
            ps.executeUpdate();
        }
        return id;
    }
}
