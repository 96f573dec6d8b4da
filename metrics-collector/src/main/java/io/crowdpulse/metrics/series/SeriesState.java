package io.crowdpulse.metrics.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crowdpulse.anomaly.stats.WindowSnapshot;
import io.crowdpulse.anomaly.stats.WindowStats;
import io.crowdpulse.metrics.anomalies.SeriesDetector;
import io.crowdpulse.metrics.anomalies.SeriesDetector.Detection;

/**
 * One series: its recent points (bounded ring), streaming statistics over each window, its anomaly
 * detector, and what makes its data trustworthy or not (gaps, invalid values, staleness).
 */
final class SeriesState {

    private final SeriesKey key;
    private final PointBuffer points;
    private final List<WindowStats> windows;
    private final List<String> windowLabels;
    private final SeriesDetector detector;
    private final long intervalMillis;
    private long lastMillis = -1;
    private double lastValue = Double.NaN;
    private long received;
    private long invalid;
    private long gaps;

    SeriesState(SeriesKey key, int capacity, List<Duration> windows, SeriesDetector detector, long intervalMillis) {
        this.key = key;
        this.points = new PointBuffer(capacity);
        this.windows = new ArrayList<>(windows.size());
        this.windowLabels = new ArrayList<>(windows.size());
        for (Duration w : windows) {
            this.windows.add(WindowStats.newBuilder().window(w)
                    .maxPoints((int) Math.min(capacity, w.toMillis() / Math.max(1, intervalMillis) + 16)).build());
            this.windowLabels.add(label(w));
        }
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
        for (WindowStats w : windows) {
            w.add(timeMillis, value);
        }
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

    /** The statistics of every window as of {@code nowMillis} (a quiet series' windows empty out). */
    synchronized Map<String, WindowSnapshot> summaries(long nowMillis) {
        Map<String, WindowSnapshot> out = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).advanceTo(nowMillis);
            out.put(windowLabels.get(i), windows.get(i).snapshot());
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
