package io.crowdpulse.optimizer.verify;

import java.util.Map;

/**
 * How a change did: its measured impact (relative improvement of the key figures, positive is better,
 * comparable with {@code Proposal.expectedImpact}), whether it degraded the target beyond the rollback
 * threshold, the relative change of each figure and a one-line summary. When the windows held too little
 * data for a verdict, the measured impact is NaN, {@code degraded} is false and the summary says so.
 */
public record VerificationResult(double measuredImpact, boolean degraded, Map<String, Double> changes,
        String summary) {

    /** Whether there was enough data for a verdict; an inconclusive result has a NaN measured impact. */
    public boolean conclusive() {
        return !Double.isNaN(measuredImpact);
    }
}
