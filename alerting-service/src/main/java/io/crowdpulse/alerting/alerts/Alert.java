package io.crowdpulse.alerting.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One alert: a rule breached on one series (its {@code fingerprint}), from {@code startsAt} to
 * {@code endsAt} (null while active). Repeats of the same breach update it; after it is resolved, a new
 * breach starts a new alert with the same fingerprint. {@code silenced}, {@code inhibited} and
 * {@code flapping} hold its notifications back without changing its state.
 */
public record Alert(
        UUID id,
        String fingerprint,
        String rule,
        Severity severity,
        AlertState state,
        String metric,
        String target,
        Map<String, String> labels,
        double value,
        Double threshold,
        String summary,
        String description,
        Instant startsAt,
        Instant firingAt,
        Instant endsAt,
        Instant updatedAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String resolvedBy,
        String note,
        boolean silenced,
        boolean inhibited,
        boolean flapping) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Whether notifications of this alert are held back now. */
    public boolean suppressed() {
        return silenced || inhibited || flapping;
    }

    public boolean active() {
        return state != AlertState.RESOLVED;
    }
}
