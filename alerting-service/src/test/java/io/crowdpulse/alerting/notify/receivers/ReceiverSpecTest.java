package io.crowdpulse.alerting.notify.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.alerts.Severity;

class ReceiverSpecTest {

    private static String invalidField(ReceiverSpec spec) {
        return assertThrows(ReceiverSpec.Invalid.class, () -> spec.toReceiver(false)).field();
    }

    @Test
    void shouldBuildAReceiverThatTakesOnlyMatchingAlerts() {
        Receiver r = new ReceiverSpec("ops", "webhook", "https://h.example.com/x", List.of("critical"),
                Map.of("target", "api"), Map.of("X-Token", "t"), null).toReceiver(true);
        assertEquals(ReceiverType.WEBHOOK, r.type());
        assertEquals(Set.of(Severity.CRITICAL), r.severities());
        assertTrue(r.sendResolved());
        assertTrue(r.accepts(Severity.CRITICAL, Map.of("target", "api", "alertname", "x")));
        assertFalse(r.accepts(Severity.WARNING, Map.of("target", "api")));
        assertFalse(r.accepts(Severity.CRITICAL, Map.of("target", "db")));
    }

    @Test
    void shouldNameTheWrongField() {
        assertEquals("name", invalidField(new ReceiverSpec("a b", "log", null, null, null, null, null)));
        assertEquals("type", invalidField(new ReceiverSpec("a", "email", null, null, null, null, null)));
        assertEquals("url", invalidField(new ReceiverSpec("a", "slack", null, null, null, null, null)));
        assertEquals("url", invalidField(new ReceiverSpec("a", "webhook", "file:///etc/passwd", null, null, null, null)));
        assertEquals("url", invalidField(new ReceiverSpec("a", "alertmanager", "http://", null, null, null, null)));
        assertEquals("url", invalidField(new ReceiverSpec("a", "log", "http://h", null, null, null, null)));
        assertEquals("severities", invalidField(new ReceiverSpec("a", "log", null, List.of("fatal"), null, null, null)));
        assertEquals("match", invalidField(new ReceiverSpec("a", "log", null, null, Map.of("a-b", "x"), null, null)));
        assertEquals("headers", invalidField(new ReceiverSpec("a", "log", null, null, null, Map.of("X", "a\r\nB: c"), null)));
    }

    @Test
    void shouldShowUrlsWithoutWhatMayBeSecret() {
        assertEquals("https://hooks.slack.com/<secret>", new ReceiverSpec("s", "slack",
                "https://hooks.slack.com/services/T0/B0/abcdef", null, null, null, null).toReceiver(false).shownUrl());
        assertEquals("https://h.example.com:8443/hook?<secret>", new ReceiverSpec("w", "webhook",
                "https://user:pw@h.example.com:8443/hook?token=abc", null, null, null, null).toReceiver(false).shownUrl());
    }
}
