package io.crowdpulse.alerting.notify.grouping;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The grouping rules, as Alertmanager applies them, in plain Java: when a group is looked at (group wait
 * for a new group, group interval after a notification, repeat interval while firing) and what it then
 * sends — all firing alerts that are not held back, plus the resolutions of alerts whose firing was sent;
 * repeats only while some firing alert is not acknowledged.
 */
public final class Grouping {

    private static final Comparator<Member> ORDER = Comparator.comparing(Member::startsAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Member::fingerprint);

    private Grouping() {
    }

    /** One notification a flush decided on: the alerts to report and the group's notification number. */
    public record Batch(List<Member> firing, List<Member> resolved, long sequence) {

        public Batch {
            firing = List.copyOf(firing);
            resolved = List.copyOf(resolved);
        }
    }

    /** A flush's outcome: the group as it is afterwards and the notification to send, if any. */
    public record Flush(GroupState next, Optional<Batch> batch) {
    }

    /**
     * The group after {@code member} changed, or empty when nothing needs storing (a stale or repeated
     * update, or the resolution of an alert nobody was told of).
     */
    public static Optional<GroupState> admit(GroupState group, Member member, Timing timing, Instant now) {
        Member old = group.members().get(member.fingerprint());
        if (old != null && old.updatedAt() != null && member.updatedAt() != null
                && old.updatedAt().isAfter(member.updatedAt())) {
            return Optional.empty();
        }
        if (member.equals(old)) {
            return Optional.empty(); // the same change again: already scheduled when it first came
        }
        boolean notified = group.notified().contains(member.fingerprint());
        Map<String, Member> members = new TreeMap<>(group.members());
        if (member.resolved() && !notified) {
            // Resolved before anyone heard of it firing: forget it, tell nobody.
            if (old == null) {
                return Optional.empty();
            }
            members.remove(member.fingerprint());
            return Optional.of(group.with(members, group.notified(), group.flushAt(), group.lastSentAt(), group.sequence()));
        }
        boolean news = member.resolved() || (!member.suppressed() && !notified);
        members.put(member.fingerprint(), member);
        Instant flushAt = news ? nextLook(group, timing, now) : group.flushAt();
        if (flushAt == null && member.firing() && !member.suppressed() && !member.acknowledged()
                && group.lastSentAt() != null) {
            // Repeatable again (no longer held back or acknowledged) and told before: due for its repeat again.
            flushAt = group.lastSentAt().plus(timing.repeatInterval());
        }
        return Optional.of(group.with(members, group.notified(), flushAt, group.lastSentAt(), group.sequence()));
    }

    /** Looks at a due group: decides whether it notifies and when it is looked at again. */
    public static Flush flush(GroupState group, Timing timing, Instant now, boolean sendResolved) {
        List<Member> firing = group.members().values().stream()
                .filter(m -> m.firing() && !m.suppressed()).sorted(ORDER).toList();
        List<Member> resolved = group.members().values().stream()
                .filter(m -> m.resolved() && group.notified().contains(m.fingerprint())).sorted(ORDER).toList();
        boolean newFiring = firing.stream().anyMatch(m -> !group.notified().contains(m.fingerprint()));
        // An acknowledged alert is being handled: it rides along, but is no reason to repeat.
        boolean repeatable = firing.stream().anyMatch(m -> !m.acknowledged());
        boolean repeatDue = repeatable && group.lastSentAt() != null
                && !now.isBefore(group.lastSentAt().plus(timing.repeatInterval()));
        boolean tellResolved = sendResolved && !resolved.isEmpty();
        boolean send = newFiring || repeatDue || tellResolved;

        Set<String> notified = new HashSet<>(group.notified());
        Map<String, Member> members = new TreeMap<>(group.members());
        // Resolved members are done with, told or not; held (suppressed) firing members stay for later.
        group.members().values().stream().filter(Member::resolved).forEach(m -> {
            notified.remove(m.fingerprint());
            members.remove(m.fingerprint());
        });
        Instant lastSentAt = group.lastSentAt();
        long sequence = group.sequence();
        Optional<Batch> batch = Optional.empty();
        if (send) {
            firing.forEach(m -> notified.add(m.fingerprint()));
            lastSentAt = now;
            sequence++;
            batch = Optional.of(new Batch(firing, tellResolved ? resolved : List.of(), sequence));
        }
        Instant next = repeatable && lastSentAt != null ? lastSentAt.plus(timing.repeatInterval()) : null;
        return new Flush(group.with(members, notified, next, lastSentAt, sequence), batch);
    }

    /** When a group with news is looked at: group wait after its first news, else a group interval after it last sent. */
    private static Instant nextLook(GroupState group, Timing timing, Instant now) {
        if (group.lastSentAt() == null) {
            return group.flushAt() != null ? group.flushAt() : now.plus(timing.groupWait());
        }
        Instant earliest = group.lastSentAt().plus(timing.groupInterval());
        if (earliest.isBefore(now)) {
            earliest = now;
        }
        return group.flushAt() == null || earliest.isBefore(group.flushAt()) ? earliest : group.flushAt();
    }
}
