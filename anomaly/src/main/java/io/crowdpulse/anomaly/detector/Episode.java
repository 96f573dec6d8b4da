package io.crowdpulse.anomaly.detector;

import java.util.Arrays;

/**
 * What follows a flag: a quiet (refractory) period in which the same episode is not flagged again; after
 * {@value #CONFIRM_POINTS} points, the verdict whether the series moved to a new level or became noisier (then the
 * forecasters restart there, so one change is one anomaly); and, after a shift, the memory of where the series was,
 * so that its return there later is taken as the end of that episode rather than a new one.
 */
final class Episode {

    static final int CONFIRM_POINTS = 12;
    private static final double SHIFT_SIGMAS = 2.5;
    private static final double NOISIER_RATIO = 2.0;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double RECOVERY_SIGMAS = 3.0;
    private static final double RECOVERY_SHARE = 0.35;
    private static final int RECOVERY_MEMORY_REFRACTORIES = 10;

    /**
     * Where the forecasters should restart.
     *
     * @param level the new level
     * @param recent the points since the flag, oldest first
     * @param minScale the least error scale to restart with (the new noise level when it rose)
     */
    record Restart(double level, double[] recent, double minScale) {
    }

    private final ScoringPolicy policy;
    private final double[] confirm = new double[CONFIRM_POINTS];
    private final double[] sorted = new double[CONFIRM_POINTS];
    private long quietLeft;
    private int confirmed = -1;
    private boolean recovery;
    private double preLevel;
    private double preScale;
    private double recoveryLevel;
    private double recoveryGap;
    private long recoveryUntil;

    Episode(ScoringPolicy policy) {
        this.policy = policy;
    }

    /** Whether this point falls in the quiet period of an episode; counts the point off that period. */
    boolean quiet() {
        if (quietLeft > 0) {
            quietLeft--;
            return true;
        }
        return false;
    }

    /** Whether a flag-worthy value is the series returning to where it was before a reported shift. */
    boolean isRecovery(double y, long points) {
        return points < recoveryUntil && Math.abs(y - recoveryLevel) <= recoveryGap;
    }

    /**
     * Starts an episode at the current point.
     *
     * @param points points seen so far (the quiet period is a share of them)
     * @param level the series' level just before this point
     * @param scale its noise scale just before this point
     * @param isRecovery whether this episode is the end of an earlier one
     */
    void start(long points, double level, double scale, boolean isRecovery) {
        quietLeft = Math.max(policy.minRefractoryPoints(),
                Math.min(policy.maxRefractoryPoints(), (long) (points * policy.refractoryFraction())));
        preLevel = level;
        preScale = scale;
        recovery = isRecovery;
        if (isRecovery) {
            recoveryUntil = 0;
        }
        confirmed = 0;
    }

    /** Feeds a point (the flagged one first) and, once enough are in, says where to restart, if anywhere. */
    Restart observe(double y, long points) {
        if (confirmed < 0) {
            return null;
        }
        confirm[confirmed++] = y;
        if (confirmed < CONFIRM_POINTS) {
            return null;
        }
        confirmed = -1;
        double postLevel = median(confirm);
        for (int i = 0; i < CONFIRM_POINTS; i++) {
            sorted[i] = Math.abs(confirm[i] - postLevel);
        }
        double postScale = MAD_TO_SIGMA * median(sorted);
        boolean shifted = Math.abs(postLevel - preLevel) > SHIFT_SIGMAS * preScale;
        boolean noisier = postScale > NOISIER_RATIO * preScale;
        if (shifted && !recovery) {
            recoveryLevel = preLevel;
            recoveryGap = Math.max(RECOVERY_SIGMAS * preScale, RECOVERY_SHARE * Math.abs(postLevel - preLevel));
            recoveryUntil = points + (long) RECOVERY_MEMORY_REFRACTORIES * policy.maxRefractoryPoints();
        }
        if (!shifted && !noisier) {
            return null;
        }
        return new Restart(shifted ? postLevel : preLevel, confirm.clone(), noisier ? postScale : 0.0);
    }

    private double median(double[] values) {
        double[] v = values == sorted ? sorted : Arrays.copyOf(values, CONFIRM_POINTS);
        Arrays.sort(v);
        int mid = CONFIRM_POINTS >>> 1;
        return 0.5 * (v[mid - 1] + v[mid]);
    }
}
