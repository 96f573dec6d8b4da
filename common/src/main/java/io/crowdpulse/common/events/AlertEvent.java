package io.crowdpulse.common.events;

import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An alert state change, published on {@code crowdpulse.alerts.events} after it is stored. */
@RegisterForReflection
public record AlertEvent(String type, int version, Instant timestamp, Alert alert) {

    /** The alert as it is after the change. */
    @RegisterForReflection
    public record Alert(String id, String fingerprint, String rule, String severity, String state, String metric,
            String target, Map<String, String> labels, double value, Double threshold, Instant startsAt,
            Instant endsAt) {

        public Alert {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    public static AlertEvent of(Instant timestamp, Alert alert) {
        return new AlertEvent(EventTypes.ALERT_EVENT, EventTypes.VERSION, timestamp, alert);
    }
}
