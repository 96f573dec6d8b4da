package io.crowdpulse.anomaly.detector;

/**
 * Damped Holt linear exponential smoothing: expects the next value from a smoothed level plus a damped trend; its
 * scale is the running mean absolute one-step error as a normal-consistent σ.
 */
final class HoltForecaster implements Forecaster {

    private static final double CLIP = 4.0;
    private static final double MAE_TO_SIGMA = 1.2533;

    private final double alpha;
    private final double beta;
    private final double phi;
    private final MeanAbsoluteError error;
    private double level;
    private double trend;
    private long count;

    HoltForecaster(double alpha, double beta, double phi, double errorAlpha) {
        this.alpha = alpha;
        this.beta = beta;
        this.phi = phi;
        this.error = new MeanAbsoluteError(errorAlpha);
    }

    @Override
    public boolean ready() {
        return count >= 20;
    }

    @Override
    public double forecast(int steps) {
        if (steps == 1) {
            return level + phi * trend;
        }
        double damp = phi == 1.0 ? steps : phi * (1.0 - Math.pow(phi, steps)) / (1.0 - phi);
        return level + damp * trend;
    }

    @Override
    public double scale(int steps) {
        return MAE_TO_SIGMA * error.mean() * GapWidening.factor(steps);
    }

    @Override
    public void learn(double value, int steps) {
        if (count == 0) {
            level = value;
            trend = 0.0;
            count++;
            return;
        }
        double f = forecast(steps);
        double e = value - f;
        if (count >= 20) {
            // Winsorized, so one spike does not bend the level and trend.
            double limit = CLIP * MAE_TO_SIGMA * error.mean();
            e = Math.max(-limit, Math.min(limit, e));
        }
        error.add(Math.abs(e) / GapWidening.factor(steps));
        double previous = level;
        level = f + alpha * e;
        trend = phi * trend + beta * (level - previous - phi * trend);
        count++;
    }

    @Override
    public void reseed(double newLevel, double[] recent, int n, double minScale) {
        level = n > 0 ? recent[n - 1] * alpha + newLevel * (1.0 - alpha) : newLevel;
        trend = 0.0;
        count = Math.max(count, 20);
        error.floor(minScale / MAE_TO_SIGMA);
    }
}
