package io.crowdpulse.optimizer.recommendations;

import java.util.Locale;

/** {@code open} until applied, dismissed by an operator, or expired (no strategy proposed it for a while). */
public enum RecommendationStatus {
    OPEN, APPLIED, DISMISSED, EXPIRED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecommendationStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
