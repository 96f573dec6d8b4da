package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;

/**
 * Flags values far from a damped Holt (level and trend) exponential-smoothing forecast, in units of its usual error;
 * with a seasonal {@link ScoringPolicy} the forecast is made on the series with its detected hourly or daily profile
 * removed (a seasonal-profile Holt-Winters).
 */
public final class HoltDetector implements Detector {

    private final ScoringEngine engine;

    private HoltDetector(Builder b) {
        this.engine = new ScoringEngine(b.name, b.policy,
                new Forecaster[] {new HoltForecaster(b.alpha, b.beta, b.phi, b.errorAlpha)}, new double[] {1.0},
                new boolean[] {false}, 0);
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public Score update(long timestampMillis, double value) {
        return engine.update(timestampMillis, value);
    }

    @Override
    public String name() {
        return engine.name();
    }

    /** Builds a {@link HoltDetector}; every setter checks its argument. */
    public static final class Builder {
        private double alpha = 0.3;
        private double beta = 0.05;
        private double phi = 0.9;
        private double errorAlpha = 0.02;
        private ScoringPolicy policy = ScoringPolicy.standard();
        private String name = "holt";

        private Builder() {
        }

        /** Level smoothing, in (0, 1] (default 0.3). */
        public Builder alpha(double alpha) {
            this.alpha = Check.openUnit("alpha", alpha);
            return this;
        }

        /** Trend smoothing, in (0, 1] (default 0.05). */
        public Builder beta(double beta) {
            this.beta = Check.openUnit("beta", beta);
            return this;
        }

        /** Trend damping per step, in (0, 1] (default 0.9; 1 is undamped Holt). */
        public Builder phi(double phi) {
            this.phi = Check.openUnit("phi", phi);
            return this;
        }

        /** Weight of the newest error in the running error scale, in (0, 1] (default 0.02). */
        public Builder errorAlpha(double alpha) {
            this.errorAlpha = Check.openUnit("errorAlpha", alpha);
            return this;
        }

        public Builder policy(ScoringPolicy policy) {
            this.policy = Check.notNull("policy", policy);
            return this;
        }

        public Builder name(String name) {
            this.name = Check.name(name);
            return this;
        }

        public HoltDetector build() {
            return new HoltDetector(this);
        }
    }
}
