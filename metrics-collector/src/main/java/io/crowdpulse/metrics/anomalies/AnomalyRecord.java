package io.crowdpulse.metrics.anomalies;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A stored anomaly, as {@code GET /api/v1/anomalies} lists it. */
public record AnomalyRecord(UUID id, Instant detectedAt, String metric, String target, Map<String, String> labels,
        double value, double expected, double score, String severity, String detector, double confidence) {
}
