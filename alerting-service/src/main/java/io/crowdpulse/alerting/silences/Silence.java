package io.crowdpulse.alerting.silences;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.crowdpulse.alerting.alerts.Alert;

/**
 * A silence: alerts matching every given matcher (rule, severity, metric, target, labels; absent means
 * any) between {@code startsAt} and {@code endsAt} are not notified. {@code expiredAt} ends it early.
 */
public record Silence(UUID id, String rule, String severity, String metric, String target, Map<String, String> labels,
        Instant startsAt, Instant endsAt, String createdBy, String comment, Instant expiredAt) {

    public Silence {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt) && (expiredAt == null || now.isBefore(expiredAt));
    }

    public boolean matches(Alert alert) {
        return (rule == null || rule.equals(alert.rule()))
                && (severity == null || severity.equals(alert.severity().label()))
                && (metric == null || metric.equals(alert.metric()))
                && (target == null || target.equals(alert.target()))
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(alert.labels().get(e.getKey())));
    }
}
