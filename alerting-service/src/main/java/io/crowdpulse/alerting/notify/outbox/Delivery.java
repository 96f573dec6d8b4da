package io.crowdpulse.alerting.notify.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One notification to one receiver and how its delivery went; {@code payload} (the webhook v4 message)
 * is filled when a single delivery is read, not in lists.
 */
@RegisterForReflection
public record Delivery(UUID id, String receiver, String groupKey, String dedupeKey, String status, int alertCount,
        String state, int attempts, Instant nextAttemptAt, Instant claimedAt, String lastError, Instant createdAt,
        Instant deliveredAt, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode payload) {

    public Delivery withPayload(JsonNode body) {
        return new Delivery(id, receiver, groupKey, dedupeKey, status, alertCount, state, attempts, nextAttemptAt,
                claimedAt, lastError, createdAt, deliveredAt, body);
    }
}
