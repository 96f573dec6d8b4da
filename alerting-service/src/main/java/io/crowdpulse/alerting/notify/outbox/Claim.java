package io.crowdpulse.alerting.notify.outbox;

import java.util.UUID;

/**
 * A delivery this replica claimed to send: {@code token} proves the claim, so an answer arriving after
 * another replica re-claimed the row changes nothing. {@code attempts} counts this one.
 */
public record Claim(UUID id, UUID token, String receiver, String groupKey, int attempts, String payload) {
}
