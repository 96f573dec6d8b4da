package io.crowdpulse.metrics.anomalies;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.detector.Detectors;
import io.crowdpulse.anomaly.Score;
import io.crowdpulse.metrics.config.MetricsConfig;
import io.crowdpulse.metrics.series.SeriesKey;

/**
 * Gives every series the standard detector of the anomaly library: the very configuration the CSV scoring
 * entry point runs, so what is scored offline is what the collector flags.
 */
@ApplicationScoped
public class StandardDetectorFactory implements DetectorFactory {

    private final boolean enabled;

    public StandardDetectorFactory(MetricsConfig config) {
        this.enabled = config.anomalies().enabled();
    }

    @Override
    public SeriesDetector create(SeriesKey key) {
        if (!enabled) {
            return null;
        }
        Detector detector = Detectors.standard();
        return (timeMillis, value) -> {
            Score score = detector.update(timeMillis, value);
            if (!score.isAnomaly()) {
                return Optional.empty();
            }
            // No forecast yet means nothing better to expect than the value itself (JSON has no NaN).
            double expected = Double.isFinite(score.expected()) ? score.expected() : value;
            return Optional.of(new SeriesDetector.Detection(score.score(), expected, score.severity().label(),
                    score.detector(), score.confidence()));
        };
    }
}
