package io.crowdpulse.optimizer.verify;

/**
 * The key figures of a target over one window (before or after a change); NaN where not measured.
 *
 * @param throughputPerUser requests per second per concurrent user (or plain requests per second when the
 *                          target has no user count)
 */
public record WindowFigures(double p95Ms, double p99Ms, double errorRate, double throughputPerUser, int samples) {
}
