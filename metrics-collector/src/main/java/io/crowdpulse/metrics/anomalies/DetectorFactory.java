package io.crowdpulse.metrics.anomalies;

import io.crowdpulse.metrics.series.SeriesKey;

/** Makes the anomaly detector of a new series; null when detection is off. */
public interface DetectorFactory {

    SeriesDetector create(SeriesKey key);
}
