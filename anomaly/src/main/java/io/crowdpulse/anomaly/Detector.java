package io.crowdpulse.anomaly;

/**
 * A streaming anomaly detector for one series: fed one point at a time, strictly in time order, it says how unusual
 * each point is given everything it has seen before.
 *
 * <p>Implementations keep bounded memory and are not thread-safe: one instance per series, one thread at a time.
 * Time is taken from the points' own timestamps, never from the wall clock, so replaying a series gives the same
 * scores.
 */
public interface Detector {

    /**
     * Scores a point against what came before it, then learns from it.
     *
     * @param timestampMillis the point's time in epoch milliseconds; gaps are allowed, order is expected
     * @param value the observed value; a NaN or infinite value scores 0 and is not learned
     * @return the verdict for this point, never {@code null}
     */
    Score update(long timestampMillis, double value);

    /** The detector's short name, carried in every {@link Score} it returns. */
    String name();
}
