package io.crowdpulse.alerting.notify.outbox;

import java.util.UUID;

/**
 * A notification to put into the outbox. {@code dedupeKey} names it (receiver, group incarnation and the
 * group's notification number), so enqueuing it twice stores it once.
 */
public record NewDelivery(UUID id, String receiver, String groupKey, String dedupeKey, String status, int alertCount,
        String payload) {

    public static String dedupeKey(String receiver, UUID groupId, long sequence) {
        return receiver + "/" + groupId + "/" + sequence;
    }
}
