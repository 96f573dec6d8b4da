package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;

/**
 * Fuses the z-score, robust, moving-average and Holt views of a series into one calibrated score: a point is as
 * surprising as the weighted mean of its standardized errors against the four forecasts, so one model's blind spot
 * (a lagging baseline, a window full of a past episode) cannot flag on its own. The expected value reported is the
 * Holt forecast; confidence reflects how many of the four agree.
 */
public final class CombinedDetector implements Detector {

    private final ScoringEngine engine;

    private CombinedDetector(Builder b) {
        Forecaster[] forecasters = {
            new HoltForecaster(b.holtAlpha, b.holtBeta, b.holtPhi, b.errorAlpha),
            new EwmaForecaster(b.ewmaAlpha),
            new RobustForecaster(b.robustWindowPoints, b.robustRefreshEvery),
            new MovingAverageForecaster(b.movingAveragePoints, b.errorAlpha),
        };
        double[] weights = {b.holtWeight, b.ewmaWeight, b.robustWeight, b.movingAverageWeight};
        this.engine = new ScoringEngine(b.name, b.policy, forecasters, weights,
                new boolean[] {false, true, true, false}, 0);
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

    /** Builds a {@link CombinedDetector}; every setter checks its argument. Defaults are {@link Detectors#standard()}. */
    public static final class Builder {
        private double holtAlpha = 0.3;
        private double holtBeta = 0.05;
        private double holtPhi = 0.9;
        private double ewmaAlpha = 0.01;
        private int robustWindowPoints = 255;
        private int robustRefreshEvery = 16;
        private int movingAveragePoints = 10;
        private double errorAlpha = 0.02;
        private double holtWeight = 1.0;
        private double ewmaWeight = 1.0;
        private double robustWeight = 1.0;
        private double movingAverageWeight = 1.0;
        private ScoringPolicy policy = ScoringPolicy.standard();
        private String name = "combined";

        private Builder() {
        }

        /** Holt level, trend and damping parameters, each in (0, 1] (default 0.3, 0.05, 0.9). */
        public Builder holt(double alpha, double beta, double phi) {
            this.holtAlpha = Check.openUnit("holt alpha", alpha);
            this.holtBeta = Check.openUnit("holt beta", beta);
            this.holtPhi = Check.openUnit("holt phi", phi);
            return this;
        }

        /** Weight of the newest value in the z-score baseline, in (0, 1] (default 0.01). */
        public Builder ewmaAlpha(double alpha) {
            this.ewmaAlpha = Check.openUnit("ewmaAlpha", alpha);
            return this;
        }

        /** Points in the robust median/MAD window (default 255, between 32 and 65536; odd sizes make the median one lookup). */
        public Builder robustWindowPoints(int points) {
            this.robustWindowPoints = Check.range("robustWindowPoints", points, 32, 65_536);
            return this;
        }

        /** Values averaged by the moving-average forecast (default 10, between 1 and 4096). */
        public Builder movingAveragePoints(int points) {
            this.movingAveragePoints = Check.range("movingAveragePoints", points, 1, 4096);
            return this;
        }

        /** Weight of the newest error in the forecasters' running error scales, in (0, 1] (default 0.02). */
        public Builder errorAlpha(double alpha) {
            this.errorAlpha = Check.openUnit("errorAlpha", alpha);
            return this;
        }

        /** Relative weights of the Holt, z-score, robust and moving-average errors (default all 1, each ≥ 0). */
        public Builder weights(double holt, double ewma, double robust, double movingAverage) {
            double[] w = {holt, ewma, robust, movingAverage};
            double sum = 0.0;
            for (double v : w) {
                if (!(v >= 0.0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("weights must be finite and >= 0: " + v);
                }
                sum += v;
            }
            if (sum == 0.0) {
                throw new IllegalArgumentException("at least one weight must be positive");
            }
            this.holtWeight = holt;
            this.ewmaWeight = ewma;
            this.robustWeight = robust;
            this.movingAverageWeight = movingAverage;
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

        public CombinedDetector build() {
            return new CombinedDetector(this);
        }
    }
}
