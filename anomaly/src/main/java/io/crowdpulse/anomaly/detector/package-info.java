/**
 * The anomaly detectors: single-model ones (z-score, robust, moving average, Holt) and the
 * {@link io.crowdpulse.anomaly.detector.CombinedDetector} that {@link io.crowdpulse.anomaly.detector.Detectors#standard()}
 * configures, all sharing one learning behaviour (warm-up, calibration against the series' own history, one flag per
 * episode, seasonality).
 */
package io.crowdpulse.anomaly.detector;
