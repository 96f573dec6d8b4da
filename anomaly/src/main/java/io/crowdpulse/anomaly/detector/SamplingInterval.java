package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.stats.SortedWindow;

/**
 * Learns a series' usual sampling interval from its timestamps (the median of recent positive steps, so gaps do
 * not distort it) and says how many intervals each new point lies after the previous one.
 */
final class SamplingInterval {

    private static final int DELTAS = 31;
    private static final int REFRESH_EVERY = 16;

    private final SortedWindow deltas = SortedWindow.ofCapacity(DELTAS);
    private long previous;
    private boolean started;
    private long intervalMillis;
    private int sinceRefresh;

    /** Records a point's time and returns how many intervals it lies after the previous point (at least 1). */
    int advance(long timestampMillis) {
        if (!started) {
            started = true;
            previous = timestampMillis;
            return 1;
        }
        long delta = timestampMillis - previous;
        previous = timestampMillis;
        if (delta <= 0) {
            return 1;
        }
        // Once the window is full, a sample of the steps keeps the estimate current at a fraction of the cost.
        if (deltas.size() < DELTAS || ++sinceRefresh >= REFRESH_EVERY) {
            sinceRefresh = 0;
            deltas.add(delta);
            intervalMillis = Math.max(1L, (long) deltas.median());
        }
        long steps = Math.round((double) delta / intervalMillis);
        return (int) Math.max(1L, Math.min(steps, Integer.MAX_VALUE));
    }

    /** The usual interval in milliseconds, 0 until two points have been seen. */
    long millis() {
        return intervalMillis;
    }

    /** Whether enough steps have been seen for the interval to be trusted (8). */
    boolean settled() {
        return deltas.size() >= 8;
    }
}
