package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;

/** Flags values far from the mean of the few values before them, in units of that prediction's usual error. */
public final class MovingAverageDetector implements Detector {

    private final ScoringEngine engine;

    private MovingAverageDetector(Builder b) {
        this.engine = new ScoringEngine(b.name, b.policy,
                new Forecaster[] {new MovingAverageForecaster(b.points, b.errorAlpha)}, new double[] {1.0},
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

    /** Builds a {@link MovingAverageDetector}; every setter checks its argument. */
    public static final class Builder {
        private int points = 10;
        private double errorAlpha = 0.02;
        private ScoringPolicy policy = ScoringPolicy.standard();
        private String name = "moving-average";

        private Builder() {
        }

        /** Values averaged for the prediction (default 10, between 1 and 4096). */
        public Builder points(int points) {
            this.points = Check.range("points", points, 1, 4096);
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

        public MovingAverageDetector build() {
            return new MovingAverageDetector(this);
        }
    }
}
