package io.crowdpulse.alerting.notify.payload;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.crowdpulse.alerting.notify.payload.WebhookMessage.WebhookAlert;

/** A notification in words, for people: the Slack text and the log line. */
public final class TextLines {

    private TextLines() {
    }

    /** {@code [FIRING:2] alertname=high-latency target=api}, or RESOLVED when nothing fires any more. */
    public static String headline(WebhookMessage m) {
        long firing = m.alerts().stream().filter(WebhookAlert::firing).count();
        String status = firing > 0 ? "FIRING:" + firing : "RESOLVED:" + m.alerts().size();
        String group = m.groupLabels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return "[" + status + "] " + group;
    }

    /** {@code WARNING high-latency on api: http.p99_ms = 900 (threshold 500) — p99 above 500 ms}. */
    public static String line(WebhookAlert a) {
        Map<String, String> l = a.labels();
        Map<String, String> an = a.annotations();
        StringBuilder text = new StringBuilder();
        text.append(a.firing() ? l.getOrDefault("severity", "").toUpperCase(Locale.ROOT) : "RESOLVED")
                .append(' ').append(l.getOrDefault("alertname", "?"))
                .append(" on ").append(l.getOrDefault("target", "?"))
                .append(": ").append(l.getOrDefault("metric", "?")).append(" = ").append(an.getOrDefault("value", "?"));
        if (an.containsKey("threshold")) {
            text.append(" (threshold ").append(an.get("threshold")).append(')');
        }
        if (an.containsKey("summary")) {
            text.append(" — ").append(an.get("summary"));
        }
        return text.toString();
    }
}
