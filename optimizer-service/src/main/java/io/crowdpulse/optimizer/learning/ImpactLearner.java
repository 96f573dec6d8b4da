package io.crowdpulse.optimizer.learning;

/**
 * Learns, per strategy and target, how much the changes of a strategy really helped. Thread-safe.
 * (Contract; implementation follows.)
 */
public final class ImpactLearner {

    /** The estimate for a new proposal: the strategy's model figures corrected by what was measured here. */
    public Estimate estimate(String strategy, String target, double modelImpact, double modelConfidence) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Learns from one verified action (also used to replay stored outcomes at startup). */
    public void record(String strategy, String target, double expectedImpact, double measuredImpact) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
