package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;

/**
 * Flags values far from the median of a sliding window, in units of the window's MAD (or IQR where the MAD is 0),
 * which outliers inside the window barely move.
 */
public final class RobustDetector implements Detector {

    private final ScoringEngine engine;

    private RobustDetector(Builder b) {
        this.engine = new ScoringEngine(b.name, b.policy,
                new Forecaster[] {new RobustForecaster(b.windowPoints, b.refreshEvery)}, new double[] {1.0},
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

    /** Builds a {@link RobustDetector}; every setter checks its argument. */
    public static final class Builder {
        private int windowPoints = 255;
        private int refreshEvery = 16;
        private ScoringPolicy policy = ScoringPolicy.standard();
        private String name = "robust";

        private Builder() {
        }

        /** Points in the sliding window (default 255, between 32 and 65536; odd sizes make the median one lookup). */
        public Builder windowPoints(int points) {
            this.windowPoints = Check.range("windowPoints", points, 32, 65_536);
            return this;
        }

        /** Recompute the MAD every this many points (default 16; 1 for every point). */
        public Builder scaleRefreshEvery(int points) {
            this.refreshEvery = Check.range("scaleRefreshEvery", points, 1, 1024);
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

        public RobustDetector build() {
            return new RobustDetector(this);
        }
    }
}
