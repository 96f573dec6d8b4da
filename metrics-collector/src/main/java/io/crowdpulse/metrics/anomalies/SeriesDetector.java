package io.crowdpulse.metrics.anomalies;

import java.util.Optional;

/** The anomaly detector of one series, fed its points in order; flags a point when it is anomalous. */
public interface SeriesDetector {

    Optional<Detection> update(long timeMillis, double value);

    /** A flagged point: its score in [0, 1], the value expected instead, severity, detector and confidence. */
    record Detection(double score, double expected, String severity, String detector, double confidence) {
    }
}
