package io.crowdpulse.optimizer.verify;

import java.util.Map;

/**
 * How a change did: its measured impact (relative improvement of the key figures, positive is better,
 * comparable with {@code Proposal.expectedImpact}), whether it degraded the target beyond the rollback
 * threshold, the relative change of each figure and a one-line summary.
 */
public record VerificationResult(double measuredImpact, boolean degraded, Map<String, Double> changes,
        String summary) {
}
