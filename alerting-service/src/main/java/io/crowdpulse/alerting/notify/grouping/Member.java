package io.crowdpulse.alerting.notify.grouping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One alert as a member of a notification group: what receivers are told of it (labels, annotations,
 * times), whether its news is held back now ({@code suppressed}: silenced, inhibited or flapping) and
 * whether someone acknowledged it (then it is not repeated).
 */
@RegisterForReflection
public record Member(UUID alertId, String fingerprint, String status, boolean suppressed, boolean acknowledged,
        Map<String, String> labels,
        Map<String, String> annotations, Instant startsAt, Instant endsAt, Instant updatedAt, String generatorUrl) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public Member {
        labels = new TreeMap<>(labels);
        annotations = new TreeMap<>(annotations);
    }

    /** The member for a firing or resolved alert; its labels are the alert's plus alertname, severity, metric and target. */
    public static Member of(Alert alert, String externalUrl) {
        if (alert.state() == AlertState.PENDING) {
            throw new IllegalArgumentException("a pending alert is nobody's news yet");
        }
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.put("alertname", alert.rule());
        labels.put("severity", alert.severity().label());
        labels.put("metric", alert.metric());
        labels.put("target", alert.target());
        Map<String, String> annotations = new TreeMap<>();
        if (alert.summary() != null) {
            annotations.put("summary", alert.summary());
        }
        if (alert.description() != null) {
            annotations.put("description", alert.description());
        }
        annotations.put("value", number(alert.value()));
        if (alert.threshold() != null) {
            annotations.put("threshold", number(alert.threshold()));
        }
        String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        return new Member(alert.id(), alert.fingerprint(), alert.state() == AlertState.FIRING ? FIRING : RESOLVED,
                alert.suppressed(), alert.acknowledgedBy() != null, labels, annotations, alert.startsAt(), alert.endsAt(), alert.updatedAt(),
                base + "/api/v1/alerts/" + alert.id());
    }

    public boolean firing() {
        return FIRING.equals(status);
    }

    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    /** Whether this is the same news as {@code other}: same alert, status, suppression and acknowledgement. */
    public boolean sameNewsAs(Member other) {
        return other != null && alertId.equals(other.alertId) && status.equals(other.status)
                && suppressed == other.suppressed && acknowledged == other.acknowledged;
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        // 900.0 reads as "900", 0.05 as "0.05": no exponent, no trailing zeros.
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
