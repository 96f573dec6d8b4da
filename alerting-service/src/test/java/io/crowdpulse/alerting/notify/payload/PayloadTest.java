package io.crowdpulse.alerting.notify.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.alerting.notify.grouping.Member;

/** The v4 webhook message and the Slack, log and Alertmanager forms rendered from it. */
class PayloadTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T10:05:00Z");

    private static Alert alert(String route, AlertState state, Severity severity) {
        return new Alert(UUID.randomUUID(), "fp-" + route, "high-latency", severity, state, "http.p99_ms", "api",
                Map.of("route", route), 912.5, 500.0, "p99 above 500 ms", null, START, START, state == AlertState.RESOLVED ? END : null,
                START, null, null, null, null, false, false, false);
    }

    private static WebhookMessage message() {
        Member firing = Member.of(alert("/a", AlertState.FIRING, Severity.CRITICAL), "http://cp:8083/");
        Member resolved = Member.of(alert("/b", AlertState.RESOLVED, Severity.WARNING), "http://cp:8083/");
        return WebhookMessage.of("ops", "{alertname=\"high-latency\",target=\"api\"}",
                Map.of("alertname", "high-latency", "target", "api"), "http://cp:8083", List.of(firing), List.of(resolved),
                Instant.now());
    }

    @Test
    void shouldKeepOnlyWhatEveryAlertSharesAsCommonLabelsAndAnnotations() {
        WebhookMessage m = message();
        assertEquals("firing", m.status());
        assertEquals(Map.of("alertname", "high-latency", "metric", "http.p99_ms", "target", "api"), m.commonLabels());
        assertEquals(Map.of("summary", "p99 above 500 ms", "value", "912.5", "threshold", "500"), m.commonAnnotations());
        assertEquals("0001-01-01T00:00:00Z", m.alerts().get(0).endsAt());
        assertEquals("2026-01-01T10:05:00Z", m.alerts().get(1).endsAt());
        assertEquals("2026-01-01T10:00:00Z", m.alerts().get(0).startsAt());
        assertTrue(m.alerts().get(0).generatorUrl().matches("http://cp:8083/api/v1/alerts/[0-9a-f-]{36}"),
                m.alerts().get(0).generatorUrl());
    }

    @Test
    void shouldWriteOneReadableLinePerAlertForPeople() {
        assertEquals("""
                [FIRING:1] alertname=high-latency target=api
                • CRITICAL high-latency on api: http.p99_ms = 912.5 (threshold 500) — p99 above 500 ms
                • RESOLVED high-latency on api: http.p99_ms = 912.5 (threshold 500) — p99 above 500 ms""",
                SlackMessage.of(message()).text());
    }

    @Test
    void shouldPostFiringAlertsWithoutAnEndAndResolvedOnesEndingAtTheirResolution() {
        List<AlertmanagerAlert> alerts = AlertmanagerAlert.of(message());
        assertNull(alerts.get(0).endsAt());
        assertEquals("2026-01-01T10:05:00Z", alerts.get(1).endsAt());
        assertEquals("critical", alerts.get(0).labels().get("severity"));
        assertEquals(URI.create("http://am:9093/api/v2/alerts"), AlertmanagerAlert.endpoint(URI.create("http://am:9093/")));
        assertEquals(URI.create("http://h/am/api/v2/alerts"), AlertmanagerAlert.endpoint(URI.create("http://h/am")));
    }
}
