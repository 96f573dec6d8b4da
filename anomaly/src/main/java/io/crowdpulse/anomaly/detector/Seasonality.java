package io.crowdpulse.anomaly.detector;

/**
 * Decides whether a series repeats hourly or daily and, once it clearly does, supplies the offset to subtract so the
 * forecasters see a series without its cycle.
 *
 * <p>Profiles start once the sampling interval is known, for each candidate period that holds at least
 * {@value #MIN_POINTS_PER_PERIOD} points. One is switched on after {@value #MIN_PERIODS} periods when it explains at
 * least {@value #ON_STRENGTH} of the deviation from the level, and off again below {@value #OFF_STRENGTH}.
 */
final class Seasonality {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    private static final long[] CANDIDATES = {HOUR, DAY};
    private static final int MIN_POINTS_PER_PERIOD = 12;
    private static final double MIN_PERIODS = 3.0;
    private static final double ON_STRENGTH = 0.35;
    private static final double OFF_STRENGTH = 0.15;
    private static final int CHECK_EVERY = 64;

    private final SeasonalProfile[] profiles = new SeasonalProfile[CANDIDATES.length];
    private boolean started;
    private SeasonalProfile active;
    private int sinceCheck;

    /** The offset to subtract at this time (0 while no period is active). */
    double offset(long timestampMillis) {
        return active == null ? 0.0 : active.offset(timestampMillis);
    }

    boolean isActive() {
        return active != null;
    }

    /** The active period in milliseconds, 0 when none. */
    long periodMillis() {
        return active == null ? 0L : active.periodMillis();
    }

    /**
     * Learns a point and re-decides now and then which period is active.
     *
     * @return whether the active period changed with this point (the forecasters then need re-seeding)
     */
    boolean learn(long timestampMillis, double value, long intervalMillis) {
        if (!started) {
            if (intervalMillis <= 0) {
                return false;
            }
            started = true;
            for (int i = 0; i < CANDIDATES.length; i++) {
                if (CANDIDATES[i] / intervalMillis >= MIN_POINTS_PER_PERIOD) {
                    profiles[i] = new SeasonalProfile(CANDIDATES[i], intervalMillis);
                }
            }
        }
        for (SeasonalProfile p : profiles) {
            if (p != null) {
                p.learn(timestampMillis, value);
            }
        }
        if (++sinceCheck < CHECK_EVERY) {
            return false;
        }
        sinceCheck = 0;
        SeasonalProfile best = null;
        double bestStrength = 0.0;
        for (SeasonalProfile p : profiles) {
            if (p != null && p.periodsSeen() >= MIN_PERIODS && p.strength() > bestStrength) {
                best = p;
                bestStrength = p.strength();
            }
        }
        SeasonalProfile next = active;
        if (active != null && active.strength() < OFF_STRENGTH) {
            next = null;
        }
        if (best != null && bestStrength >= ON_STRENGTH
                && (next == null || bestStrength > next.strength() + 0.1)) {
            next = best;
        }
        boolean changed = next != active;
        active = next;
        return changed;
    }
}
