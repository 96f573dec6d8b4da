package io.crowdpulse.alerting.notify.payload;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.crowdpulse.alerting.notify.grouping.Member;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One notification in the Alertmanager webhook format, version 4: what a webhook receiver is posted, what
 * the outbox stores, and what the Slack, log and Alertmanager forms are rendered from.
 */
@RegisterForReflection
@JsonPropertyOrder({ "version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels",
        "commonAnnotations", "externalURL", "alerts" })
public record WebhookMessage(String version, String groupKey, int truncatedAlerts, String status, String receiver,
        Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl, List<WebhookAlert> alerts) {

    public static final String VERSION = "4";
    /** What Alertmanager sends as the end of an alert still firing: Go's zero time. */
    public static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    public WebhookMessage {
        groupLabels = new TreeMap<>(groupLabels);
        commonLabels = new TreeMap<>(commonLabels);
        commonAnnotations = new TreeMap<>(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    /** One alert of a notification. */
    @RegisterForReflection
    @JsonPropertyOrder({ "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint" })
    public record WebhookAlert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, @JsonProperty("generatorURL") String generatorUrl, String fingerprint) {

        public WebhookAlert {
            labels = new TreeMap<>(labels);
            annotations = new TreeMap<>(annotations);
        }

        public boolean firing() {
            return Member.FIRING.equals(status);
        }
    }

    /** The notification of a group's firing alerts and newly resolved ones; resolved at {@code now} if an alert has no end. */
    public static WebhookMessage of(String receiver, String groupKey, Map<String, String> groupLabels, String externalUrl,
            List<Member> firing, List<Member> resolved, Instant now) {
        List<WebhookAlert> alerts = new ArrayList<>();
        firing.forEach(m -> alerts.add(alert(m, NOT_ENDED)));
        resolved.forEach(m -> alerts.add(alert(m, time(m.endsAt() == null ? now : m.endsAt()))));
        return new WebhookMessage(VERSION, groupKey, 0, firing.isEmpty() ? Member.RESOLVED : Member.FIRING, receiver,
                groupLabels, common(alerts, WebhookAlert::labels), common(alerts, WebhookAlert::annotations), externalUrl,
                alerts);
    }

    private static WebhookAlert alert(Member m, String endsAt) {
        return new WebhookAlert(m.status(), m.labels(), m.annotations(), time(m.startsAt()), endsAt, m.generatorUrl(),
                m.fingerprint());
    }

    /** The entries every alert has with the same value. */
    private static Map<String, String> common(List<WebhookAlert> alerts, Function<WebhookAlert, Map<String, String>> part) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(part.apply(alerts.get(0)));
        for (WebhookAlert a : alerts.subList(1, alerts.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(part.apply(a).get(e.getKey())));
        }
        return common;
    }

    static String time(Instant at) {
        return at == null ? NOT_ENDED : DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
