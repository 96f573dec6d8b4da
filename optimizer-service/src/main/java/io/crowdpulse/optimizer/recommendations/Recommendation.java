package io.crowdpulse.optimizer.recommendations;

import java.time.Instant;
import java.util.UUID;

/**
 * A change a strategy proposes for a target, with the expected impact and confidence corrected by what this
 * installation has measured ({@code modelImpact}/{@code modelConfidence} are the strategy's own figures,
 * {@code outcomes} how many past actions corrected them). One is open per target, knob and strategy.
 */
public record Recommendation(UUID id, String target, String knob, String strategy, double from, double to,
        double expectedImpact, double confidence, double modelImpact, double modelConfidence, int outcomes,
        String risk, int priority, String rationale, RecommendationStatus status, UUID actionId, Instant createdAt,
        Instant updatedAt, String closedBy) {
}
