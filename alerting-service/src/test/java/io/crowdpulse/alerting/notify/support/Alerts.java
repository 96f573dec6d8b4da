package io.crowdpulse.alerting.notify.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.crowdpulse.alerting.alerts.Severity;

/** Synthetic alerts, as the rule evaluation would store them, to drive the notifier. */
public final class Alerts {

    private Alerts() {
    }

    /** A warning firing now on {@code target}: http.p99_ms 900 over 500. */
    public static Alert firing(String rule, String target, Map<String, String> labels) {
        Instant now = Instant.now();
        return new Alert(UUID.randomUUID(), UUID.randomUUID().toString().replace("-", ""), rule, Severity.WARNING,
                AlertState.FIRING, "http.p99_ms", target, labels, 900.0, 500.0, "p99 latency above 500 ms",
                "p99 latency of " + target + " is 900 ms", now.minusSeconds(30), now, null, now, null, null, null, null,
                false, false, false);
    }

    public static Alert resolved(Alert a) {
        Instant now = Instant.now();
        return copy(a, AlertState.RESOLVED, now, now, a.silenced(), a.inhibited(), a.flapping());
    }

    public static Alert suppressed(Alert a, boolean silenced, boolean flapping) {
        return copy(a, a.state(), a.endsAt(), Instant.now(), silenced, false, flapping);
    }

    public static Alert touched(Alert a) {
        return copy(a, a.state(), a.endsAt(), Instant.now(), a.silenced(), a.inhibited(), a.flapping());
    }

    private static Alert copy(Alert a, AlertState state, Instant endsAt, Instant updatedAt, boolean silenced,
            boolean inhibited, boolean flapping) {
        return new Alert(a.id(), a.fingerprint(), a.rule(), a.severity(), state, a.metric(), a.target(), a.labels(),
                a.value(), a.threshold(), a.summary(), a.description(), a.startsAt(), a.firingAt(), endsAt, updatedAt,
                a.acknowledgedBy(), a.acknowledgedAt(), a.resolvedBy(), a.note(), silenced, inhibited, flapping);
    }
}
