package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;

/**
 * The one detector configuration Crowdpulse runs: the metrics-collector gives every series its own
 * {@link #standard()} instance, and the CSV scorer ({@code io.crowdpulse.anomaly.cli.ScoreCsv}) feeds a file through
 * one. Changing it here changes both.
 *
 * <p>{@link #standard()} is a {@link CombinedDetector} with these parameters:
 * <ul>
 *   <li>models, weighted equally: damped Holt (level α 0.3, trend β 0.05, damping φ 0.9); exponentially weighted mean
 *       and σ (α 0.01, about 100 points of memory, winsorized at 4σ); median and MAD of the last 255 points (IQR
 *       when the MAD is 0; the MAD refreshed every 16 points); mean of the last 10 points. Error scales of the Holt
 *       and moving-average forecasts: exponentially weighted mean absolute error, α 0.02;</li>
 *   <li>channels ({@link SurpriseChannels}): point surprise (fused |z|), energy (average of squared |z| capped at 5,
 *       α 0.1) and drift (average level-model lag, α 0.1), each calibrated against its own decaying history
 *       (half-life 2000 points, seen 128 points late) with a fitted power-law tail; a surprise scores 0.5 where that
 *       tail puts its probability at 5·10⁻⁵, and never below 3σ (point), 3 (energy) or 1σ (drift) times that
 *       tail's margin;</li>
 *   <li>{@link ScoringPolicy#standard()}: 200 warm-up points scored 0 (a whole day instead when a day is at most 300
 *       points, as at 5-minute sampling); after a flag, 10% of the points seen so far (between 120 and 720) are
 *       damped to at most 0.2 of their score and not learned as normal; 12 points after the flag the models restart
 *       at the new level if the series moved by more than 2.5σ or became twice as noisy; a return to the level
 *       before a reported shift (within 10 × 720 points) ends that episode instead of starting one;</li>
 *   <li>seasonality: hourly and daily profiles learned from the timestamps (at most 288 bins each) and removed once
 *       one explains at least 35% of the deviation after three periods (off again below 15%); gaps widen the
 *       short-term forecasts' error by √(missing intervals), at most 4×.</li>
 * </ul>
 * Memory per instance: about 30 KB at 1-second sampling, 23 KB at 5-minute sampling, fixed after the first day.
 * Scores: 0 to 1, at least 0.5 for an anomaly ({@link io.crowdpulse.anomaly.Severity}).
 */
public final class Detectors {

    private Detectors() {
    }

    /** A new instance of the standard detector, for one series. */
    public static Detector standard() {
        return CombinedDetector.newBuilder().build();
    }
}
