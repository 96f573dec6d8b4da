package io.crowdpulse.metrics.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.crowdpulse.metrics.anomalies.SeriesDetector;
import io.crowdpulse.metrics.anomalies.SeriesDetector.Detection;

/**
 * One series: its recent points (bounded ring), its anomaly detector, and what makes its data
 * trustworthy or not (gaps, invalid values, staleness).
 */
final class SeriesState {

    private final SeriesKey key;
    private final PointBuffer points;
    private final SeriesDetector detector;
    private final long intervalMillis;
    private long lastMillis = -1;
    private double lastValue = Double.NaN;
    private long received;
    private long invalid;
    private long gaps;

    SeriesState(SeriesKey key, int capacity, SeriesDetector detector, long intervalMillis) {
        this.key = key;
        this.points = new PointBuffer(capacity);
        this.detector = detector;
        this.intervalMillis = intervalMillis;
    }

    /** Records a value; returns the detector's verdict when it flags the point. */
    synchronized Optional<Detection> add(long timeMillis, double value) {
        received++;
        if (!Double.isFinite(value)) {
            invalid++;
            return Optional.empty();
        }
        if (timeMillis <= lastMillis) {
            return Optional.empty(); // a replayed or reordered point must not go back in time
        }
        if (lastMillis >= 0 && timeMillis - lastMillis > intervalMillis * 5 / 2) {
            gaps++;
        }
        points.add(timeMillis, value);
        lastMillis = timeMillis;
        lastValue = value;
        return detector == null ? Optional.empty() : detector.update(timeMillis, value);
    }

    SeriesKey key() {
        return key;
    }

    synchronized long lastMillis() {
        return lastMillis;
    }

    synchronized double lastValue() {
        return lastValue;
    }

    synchronized PointBuffer.Points between(long fromMillis, long toMillis) {
        return points.between(fromMillis, toMillis);
    }

    synchronized List<WindowSummary> summaries(long nowMillis, List<Duration> windows) {
        List<WindowSummary> out = new ArrayList<>(windows.size());
        for (Duration w : windows) {
            out.add(WindowSummary.of(label(w), points.between(nowMillis - w.toMillis(), Long.MAX_VALUE)));
        }
        return out;
    }

    /**
     * A 0–1 score of how far the series can be trusted: 1 minus the share of invalid values and of
     * gaps among the points received, halved when the series is stale (no point for three intervals).
     */
    synchronized DataQuality quality(long nowMillis) {
        boolean stale = lastMillis < 0 || nowMillis - lastMillis > intervalMillis * 3;
        double invalidShare = received == 0 ? 0 : (double) invalid / received;
        double gapShare = received == 0 ? 0 : (double) gaps / received;
        double score = Math.max(0, 1 - invalidShare - gapShare) * (stale ? 0.5 : 1);
        return new DataQuality(score, stale, gaps, invalid, received);
    }

    static String label(Duration window) {
        long s = window.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
