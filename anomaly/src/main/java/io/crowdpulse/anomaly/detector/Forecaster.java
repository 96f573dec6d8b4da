package io.crowdpulse.anomaly.detector;

/**
 * A model of a series' next value: a forecast and the scale of its error, learned one value at a time. The
 * {@link ScoringEngine} turns forecast errors into standardized residuals; forecasters only predict.
 *
 * <p>{@code steps} is how many sampling intervals the next value lies after the previous one (1, or more after a
 * gap).
 */
interface Forecaster {

    /** Whether enough values have been seen for the forecast and scale to mean anything. */
    boolean ready();

    /** The expected next value. */
    double forecast(int steps);

    /** The typical size (a standard deviation) of the error of {@link #forecast(int)}; 0 or more. */
    double scale(int steps);

    /** Learns the value that followed; robust forecasters limit how far one outlier can move them. */
    void learn(double value, int steps);

    /**
     * Restarts at a new level after a reported change, from the newest values (oldest first), keeping the error
     * scale at least {@code minScale}.
     */
    void reseed(double level, double[] recent, int count, double minScale);
}
