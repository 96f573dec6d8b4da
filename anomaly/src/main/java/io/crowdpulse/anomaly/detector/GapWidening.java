package io.crowdpulse.anomaly.detector;

/**
 * How much wider a short-horizon forecast's error is after a gap of {@code steps} intervals: √steps, as for a random
 * walk, capped so a long outage does not blind the detector.
 */
final class GapWidening {

    private static final int MAX_STEPS = 16;

    private GapWidening() {
    }

    static double factor(int steps) {
        return steps <= 1 ? 1.0 : Math.sqrt(Math.min(steps, MAX_STEPS));
    }
}
