package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.stats.DecayingHistogram;
import java.util.Arrays;

/**
 * Turns a surprise (a non-negative distance in σ) into a calibrated score in [0, 1] by comparing it with the
 * surprises the same series has produced recently, so a routinely spiky series stops flagging its usual spikes and a
 * calm one still flags a modest jump.
 *
 * <p>From a decaying histogram of past surprises it takes the {@value #HIGH} quantile {@code q} (never below a
 * floor a well-behaved series would rarely reach) and fits a power-law tail through it and the {@value #LOW}
 * quantile: {@code P(S > s) ≈ (1 − HIGH)·(s/q)^−κ}, κ from how fast the tail thins (≈ 7 for normal noise, ≈ 3.5
 * for Student-t with 4 degrees of freedom). The score is the odds form {@code p₀ / (p₀ + P(S > s))}: 0.5 where the
 * tail probability equals the flag probability {@code p₀}, under 1% up to the reference, near 1 far beyond it. While
 * the history is short the threshold carries an extra margin, since a high quantile of few values is biased low.
 *
 * <p>Surprises reach the histogram {@value #DELAY} points late, so a slowly growing episode is judged against the
 * history before it began rather than teaching the calibrator to accept itself.
 */
final class Calibrator {

    static final double HIGH = 0.995;
    static final double LOW = 0.98;
    static final int DELAY = 128;
    private static final double MIN_KAPPA = 2.5;
    private static final double MAX_KAPPA = 8.0;
    private static final int REFRESH_EVERY = 16;
    private static final double SHORT_HISTORY = 3.0;

    private final DecayingHistogram history;
    private final float[] delay = new float[DELAY];
    private final double floor;
    private final double odds;
    private int delayed;
    private int next;
    private double reference;
    private double kappa = MAX_KAPPA;
    private double threshold;
    private int sinceRefresh;

    /**
     * @param halfLife points after which a past surprise weighs half
     * @param floor the least reference, in σ
     * @param flagProbability p₀, the tail probability that scores 0.5
     */
    Calibrator(double halfLife, double floor, double flagProbability) {
        this.history = DecayingHistogram.ofHalfLife(halfLife);
        this.floor = floor;
        this.odds = (1.0 - HIGH) / flagProbability;
        this.reference = floor;
        this.threshold = floor * Math.pow(odds, 1.0 / kappa);
    }

    /** The surprise that scores exactly 0.5. */
    double threshold() {
        return threshold;
    }

    double reference() {
        return reference;
    }

    double kappa() {
        return kappa;
    }

    double score(double surprise) {
        // At or below the reference the score is under 1%: not worth a pow().
        if (!(surprise > reference)) {
            return 0.0;
        }
        double tail = Math.pow(surprise / threshold, -kappa);
        return 1.0 / (1.0 + tail);
    }

    /**
     * Adds a surprise to the history, capped at the threshold so anomalies do not teach it to ignore them.
     *
     * @param normal false lets time pass without adding anything (inside a reported episode)
     * @param now skips the delay (while warming up there is no episode to hide)
     */
    void learn(double surprise, boolean normal, boolean now) {
        if (now) {
            if (normal) {
                history.add(Math.min(surprise, threshold));
                maybeRefresh();
            }
            return;
        }
        float leaving = delay[next];
        delay[next] = normal ? (float) Math.min(surprise, threshold) : Float.NaN;
        next = next + 1 == DELAY ? 0 : next + 1;
        if (delayed < DELAY) {
            delayed++;
            return;
        }
        if (leaving == leaving) {
            history.add(leaving);
        }
        maybeRefresh();
    }

    /** Forgets the history, when what the surprises are measured against has changed (a cycle was removed). */
    void forget() {
        history.clear();
        Arrays.fill(delay, Float.NaN);
        reference = floor;
        kappa = MAX_KAPPA;
        threshold = floor * Math.pow(odds, 1.0 / kappa);
    }

    private void maybeRefresh() {
        if (++sinceRefresh >= REFRESH_EVERY) {
            sinceRefresh = 0;
            refresh();
        }
    }

    private void refresh() {
        double high = history.upperQuantile(HIGH);
        double low = history.upperQuantile(LOW);
        double k = MAX_KAPPA;
        if (low > DecayingHistogram.minValue() && high > low) {
            k = Math.log((1.0 - LOW) / (1.0 - HIGH)) / Math.log(high / low);
        }
        kappa = Math.max(MIN_KAPPA, Math.min(MAX_KAPPA, k));
        reference = Math.max(floor, high);
        // A high quantile from a short history is biased low; widen the margin until the history is long.
        double shortHistory = 1.0 + SHORT_HISTORY / Math.sqrt(Math.max(1L, history.count()));
        threshold = reference * Math.pow(odds, 1.0 / kappa) * shortHistory;
    }
}
