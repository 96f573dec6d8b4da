package io.crowdpulse.anomaly.detector;

/**
 * Expects the next value at the mean of the last few values; its scale is the running mean absolute error of that
 * prediction, turned into a normal-consistent σ.
 */
final class MovingAverageForecaster implements Forecaster {

    private static final double CLIP = 4.0;
    private static final double MAE_TO_SIGMA = 1.2533;

    private final double[] ring;
    private final MeanAbsoluteError error;
    private double sum;
    private int count;
    private int next;

    MovingAverageForecaster(int points, double errorAlpha) {
        this.ring = new double[points];
        this.error = new MeanAbsoluteError(errorAlpha);
    }

    @Override
    public boolean ready() {
        return count == ring.length && error.count() >= 20;
    }

    @Override
    public double forecast(int steps) {
        return count == 0 ? 0.0 : sum / count;
    }

    @Override
    public double scale(int steps) {
        return MAE_TO_SIGMA * error.mean() * GapWidening.factor(steps);
    }

    @Override
    public void learn(double value, int steps) {
        double v = value;
        if (count == ring.length) {
            double f = sum / count;
            if (error.count() >= 20) {
                // Winsorized, so one spike does not drag the next few forecasts or inflate the error scale.
                double limit = CLIP * MAE_TO_SIGMA * error.mean();
                v = Math.max(f - limit, Math.min(f + limit, value));
            }
            error.add(Math.abs(v - f) / GapWidening.factor(steps));
        }
        push(v);
    }

    private void push(double v) {
        if (count == ring.length) {
            sum -= ring[next];
        } else {
            count++;
        }
        ring[next] = v;
        sum += v;
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    @Override
    public void reseed(double level, double[] recent, int n, double minScale) {
        count = 0;
        next = 0;
        sum = 0.0;
        int from = Math.max(0, n - ring.length);
        for (int i = from; i < n; i++) {
            push(recent[i]);
        }
        while (count < ring.length) {
            push(level);
        }
        error.floor(minScale / MAE_TO_SIGMA);
    }
}
