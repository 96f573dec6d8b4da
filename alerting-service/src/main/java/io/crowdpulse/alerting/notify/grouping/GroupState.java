package io.crowdpulse.alerting.notify.grouping;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What one receiver's group holds: the latest state of each member alert by fingerprint, the
 * fingerprints whose firing was notified, when it was last notified and when it is looked at next.
 * {@code groupId} and {@code sequence} make each notification of the group distinct for the outbox.
 */
public record GroupState(String receiver, String groupKey, UUID groupId, Map<String, String> groupLabels,
        Map<String, Member> members, Set<String> notified, Instant flushAt, Instant lastSentAt, long sequence) {

    public GroupState {
        groupLabels = Map.copyOf(groupLabels);
        members = new TreeMap<>(members);
        notified = new TreeSet<>(notified);
    }

    /** A group that has seen no alert yet. */
    public static GroupState empty(String receiver, GroupKey key) {
        return new GroupState(receiver, key.value(), UUID.randomUUID(), key.labels(), Map.of(), Set.of(), null, null, 0);
    }

    /** Whether the group holds nothing worth keeping: no member and nothing notified. */
    public boolean isEmpty() {
        return members.isEmpty() && notified.isEmpty();
    }

    GroupState with(Map<String, Member> newMembers, Set<String> newNotified, Instant newFlushAt, Instant newLastSentAt,
            long newSequence) {
        return new GroupState(receiver, groupKey, groupId, groupLabels, newMembers, newNotified, newFlushAt, newLastSentAt,
                newSequence);
    }
}
