package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;

/** Flags values far from an exponentially weighted mean, in units of the exponentially weighted σ. */
public final class ZScoreDetector implements Detector {

    private final ScoringEngine engine;

    private ZScoreDetector(Builder b) {
        this.engine = new ScoringEngine(b.name, b.policy,
                new Forecaster[] {new EwmaForecaster(b.alpha)}, new double[] {1.0},
                new boolean[] {true}, 0);
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

    /** Builds a {@link ZScoreDetector}; every setter checks its argument. */
    public static final class Builder {
        private double alpha = 0.01;
        private ScoringPolicy policy = ScoringPolicy.standard();
        private String name = "zscore";

        private Builder() {
        }

        /** Weight of the newest value in the baseline, in (0, 1] (default 0.01, a memory of about 100 points). */
        public Builder alpha(double alpha) {
            this.alpha = Check.openUnit("alpha", alpha);
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

        public ZScoreDetector build() {
            return new ZScoreDetector(this);
        }
    }
}
