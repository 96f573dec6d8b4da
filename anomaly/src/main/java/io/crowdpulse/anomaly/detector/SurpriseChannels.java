package io.crowdpulse.anomaly.detector;

/**
 * Three views of how surprising the series is right now, each calibrated against the series' own history:
 * <ul>
 *   <li>point: the fused |z| of this point (spikes, dips, the onset of a shift);</li>
 *   <li>energy: a short exponential average of the squared, winsorized point surprise (a run of large errors: a
 *       noisier regime, a shift the fast models are still absorbing);</li>
 *   <li>drift: a short exponential average of how far the level models' baselines sit from the values, in a scale
 *       that widens only slowly (a ramp or a slow shift whose single points look ordinary).</li>
 * </ul>
 * The score is the largest of the three calibrated scores.
 */
final class SurpriseChannels {

    private static final double POINT_FLOOR = 3.0;
    private static final double ENERGY_FLOOR = 3.0;
    private static final double ENERGY_CLIP = 5.0;
    private static final double ENERGY_ALPHA = 0.1;
    private static final double DRIFT_FLOOR = 1.0;
    private static final double DRIFT_ALPHA = 0.1;
    private static final double DRIFT_UNIT_ALPHA = 0.01;

    private final Calibrator point;
    private final Calibrator energyCalibrator;
    private final Calibrator driftCalibrator;
    private double surprise;
    private double energy;
    private double drift;
    private double driftUnit;
    private boolean hasDrift;

    SurpriseChannels(ScoringPolicy policy) {
        this.point = new Calibrator(policy.historyHalfLife(), POINT_FLOOR, policy.flagProbability());
        this.energyCalibrator = new Calibrator(policy.historyHalfLife(), ENERGY_FLOOR, policy.flagProbability());
        this.driftCalibrator = new Calibrator(policy.historyHalfLife(), DRIFT_FLOOR, policy.flagProbability());
    }

    /**
     * Takes in one point.
     *
     * @param pointSurprise the fused |z| of the point
     * @param levelGap the level models' mean signed error (value − baseline), NaN when there are none
     * @param levelScale the narrowest level-model scale
     */
    void observe(double pointSurprise, double levelGap, double levelScale) {
        surprise = pointSurprise;
        // Winsorized, so the energy tracks a run of large errors rather than one spike.
        double clipped = Math.min(pointSurprise, ENERGY_CLIP);
        energy += ENERGY_ALPHA * (clipped * clipped - energy);
        hasDrift = !Double.isNaN(levelGap);
        if (hasDrift) {
            // A drift widens the spread of the window it fills; a unit that follows widening only slowly keeps
            // it from hiding itself.
            driftUnit = driftUnit == 0.0 ? levelScale : driftUnit + DRIFT_UNIT_ALPHA * (levelScale - driftUnit);
            double z = levelGap / Math.min(levelScale, driftUnit);
            z = Math.max(-ScoringEngine.MAX_Z, Math.min(ScoringEngine.MAX_Z, z));
            drift += DRIFT_ALPHA * (z - drift);
        }
    }

    /** The calibrated score of the last observed point, in [0, 1]. */
    double score() {
        double s = Math.max(point.score(surprise), energyCalibrator.score(energy));
        return hasDrift ? Math.max(s, driftCalibrator.score(Math.abs(drift))) : s;
    }

    /**
     * Adds the last point to the histories.
     *
     * @param normal false inside a reported episode: time passes, nothing is learned
     * @param now true while warming up: learn without the calibrators' delay
     */
    void learn(boolean normal, boolean now) {
        point.learn(surprise, normal, now);
        energyCalibrator.learn(energy, normal, now);
        if (hasDrift) {
            driftCalibrator.learn(Math.abs(drift), normal, now);
        }
    }

    /** Clears the running averages after the forecasters restart, so the old episode does not linger in them. */
    void restart() {
        energy = 0.0;
        drift = 0.0;
    }

    /** Forgets the calibrators' histories too (the series is now measured against a different baseline). */
    void forget() {
        restart();
        point.forget();
        energyCalibrator.forget();
        driftCalibrator.forget();
    }
}
