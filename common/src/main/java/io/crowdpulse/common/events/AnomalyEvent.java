package io.crowdpulse.common.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An anomaly detected on one series, published on {@code crowdpulse.metrics.anomalies}. */
@RegisterForReflection
public record AnomalyEvent(String type, int version, Instant timestamp, String metric, String target,
        double value, double expected, double score, String severity, String detector, double confidence) {

    public static AnomalyEvent of(Instant timestamp, String metric, String target, double value, double expected,
            double score, String severity, String detector, double confidence) {
        return new AnomalyEvent(EventTypes.METRICS_ANOMALY, EventTypes.VERSION, timestamp, metric, target, value,
                expected, score, severity, detector, confidence);
    }
}
