package io.crowdpulse.optimizer.learning;

/**
 * The expected impact and confidence of a strategy on a target after what this installation has measured.
 *
 * @param outcomes how many verified actions the estimate has learned from
 */
public record Estimate(double expectedImpact, double confidence, int outcomes) {
}
