package io.crowdpulse.alerting.notify.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.notify.grouping.Grouping.Flush;

/** The grouping rules with explicit times: group wait, group interval, repeat interval, held-back alerts. */
class GroupingTest {

    private static final Timing TIMING = new Timing(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(4));
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final GroupKey KEY = GroupKey.of(List.of("alertname", "target"), Map.of("alertname", "r", "target", "t"));

    private static Member member(String fingerprint, String status, boolean suppressed, Instant updatedAt) {
        return member(fingerprint, status, suppressed, false, updatedAt);
    }

    private static Member member(String fingerprint, String status, boolean suppressed, boolean acknowledged,
            Instant updatedAt) {
        return new Member(UUID.nameUUIDFromBytes(fingerprint.getBytes()), fingerprint, status, suppressed, acknowledged,
                Map.of("alertname", "r", "target", "t", "fp", fingerprint), Map.of("value", "1"), T0.minusSeconds(60),
                Member.RESOLVED.equals(status) ? updatedAt : null, updatedAt, "http://x/api/v1/alerts/" + fingerprint);
    }

    private static Member firing(String fp, Instant at) {
        return member(fp, Member.FIRING, false, at);
    }

    private static Member resolved(String fp, Instant at) {
        return member(fp, Member.RESOLVED, false, at);
    }

    private static GroupState admit(GroupState g, Member m, Instant now) {
        return Grouping.admit(g, m, TIMING, now).orElse(g);
    }

    @Test
    void shouldWaitGroupWaitFromTheFirstAlertOfANewGroup() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        assertEquals(T0.plusSeconds(5), g.flushAt());
        g = admit(g, firing("b", T0.plusSeconds(2)), T0.plusSeconds(2));
        assertEquals(T0.plusSeconds(5), g.flushAt(), "a second alert does not push the group wait back");

        Flush flush = Grouping.flush(g, TIMING, T0.plusSeconds(5), true);
        assertEquals(2, flush.batch().orElseThrow().firing().size());
        assertEquals(1, flush.batch().get().sequence());
        assertEquals(T0.plusSeconds(5).plus(Duration.ofHours(4)), flush.next().flushAt(), "next look: repeat interval");
        assertEquals(java.util.Set.of("a", "b"), flush.next().notified());
    }

    @Test
    void shouldHoldChangesToANotifiedGroupForTheGroupInterval() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        g = admit(g, firing("b", T0.plusSeconds(10)), T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(65), g.flushAt());
        g = admit(g, firing("c", T0.plusSeconds(120)), T0.plusSeconds(120));
        assertEquals(T0.plusSeconds(65), g.flushAt(), "already due earlier");

        Flush flush = Grouping.flush(g, TIMING, T0.plusSeconds(65), true);
        assertEquals(List.of("a", "b", "c"), flush.batch().orElseThrow().firing().stream().map(Member::fingerprint).toList());
        assertEquals(2, flush.batch().get().sequence());
    }

    @Test
    void shouldLookAtOnceWhenTheGroupIntervalHasPassed() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        Instant later = T0.plus(Duration.ofMinutes(30));
        g = admit(g, firing("b", later), later);
        assertEquals(later, g.flushAt());
    }

    @Test
    void shouldRepeatAStillFiringGroupAfterTheRepeatInterval() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        Flush early = Grouping.flush(g, TIMING, T0.plusSeconds(65), true);
        assertTrue(early.batch().isEmpty(), "nothing new within the repeat interval");

        Instant repeatAt = T0.plusSeconds(5).plus(Duration.ofHours(4));
        Flush repeat = Grouping.flush(g, TIMING, repeatAt, true);
        assertEquals(List.of("a"), repeat.batch().orElseThrow().firing().stream().map(Member::fingerprint).toList());
        assertEquals(repeatAt.plus(Duration.ofHours(4)), repeat.next().flushAt());
    }

    @Test
    void shouldTellResolutionsOnlyOfAlertsWhoseFiringWasTold() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        g = admit(g, firing("b", T0.plusSeconds(6)), T0.plusSeconds(6));
        g = admit(g, resolved("b", T0.plusSeconds(7)), T0.plusSeconds(7));
        g = admit(g, resolved("a", T0.plusSeconds(8)), T0.plusSeconds(8));

        Flush flush = Grouping.flush(g, TIMING, T0.plusSeconds(65), true);
        assertEquals(List.of(), flush.batch().orElseThrow().firing());
        assertEquals(List.of("a"), flush.batch().get().resolved().stream().map(Member::fingerprint).toList());
        assertTrue(flush.next().isEmpty(), "nothing left: the group row goes");
        assertNull(flush.next().flushAt());
    }

    @Test
    void shouldForgetAnAlertResolvedBeforeItWasTold() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = admit(g, resolved("a", T0.plusSeconds(1)), T0.plusSeconds(1));
        assertTrue(g.isEmpty());
        assertTrue(Grouping.admit(GroupState.empty("rx", KEY), resolved("z", T0), TIMING, T0).isEmpty());
    }

    @Test
    void shouldNotTellResolutionsToAReceiverThatDoesNotWantThem() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), false).next();
        g = admit(g, resolved("a", T0.plusSeconds(8)), T0.plusSeconds(8));
        Flush flush = Grouping.flush(g, TIMING, T0.plusSeconds(65), false);
        assertTrue(flush.batch().isEmpty());
        assertTrue(flush.next().isEmpty());
    }

    @Test
    void shouldHoldASuppressedAlertAndTellItWhenItSettlesFiring() {
        Member held = member("a", Member.FIRING, true, T0);
        GroupState g = admit(GroupState.empty("rx", KEY), held, T0);
        assertNull(g.flushAt(), "nothing to tell while it is held back");
        assertTrue(Grouping.flush(g, TIMING, T0.plusSeconds(5), true).batch().isEmpty());

        g = admit(g, firing("a", T0.plusSeconds(30)), T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(35), g.flushAt());
        assertEquals(1, Grouping.flush(g, TIMING, T0.plusSeconds(35), true).batch().orElseThrow().firing().size());
    }

    @Test
    void shouldLeaveOutOfRepeatsAnAlertHeldBackAfterItWasTold() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = admit(g, firing("b", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        g = admit(g, member("b", Member.FIRING, true, T0.plusSeconds(10)), T0.plusSeconds(10));
        Flush repeat = Grouping.flush(g, TIMING, T0.plusSeconds(5).plus(Duration.ofHours(4)), true);
        assertEquals(List.of("a"), repeat.batch().orElseThrow().firing().stream().map(Member::fingerprint).toList());
        assertTrue(repeat.next().notified().contains("b"), "its resolution is still owed");
    }

    @Test
    void shouldIgnoreRepeatedAndStaleChanges() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        assertTrue(Grouping.admit(g, firing("a", T0), TIMING, T0.plusSeconds(1)).isEmpty(), "same state again");
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        GroupState told = g;
        GroupState touched = admit(g, firing("a", T0.plusSeconds(20)), T0.plusSeconds(20));
        assertEquals(told.flushAt(), touched.flushAt(), "an update of a told alert schedules nothing");
        assertTrue(Grouping.flush(touched, TIMING, T0.plusSeconds(70), true).batch().isEmpty());

        GroupState resolvedLate = admit(touched, resolved("a", T0.plusSeconds(30)), T0.plusSeconds(30));
        assertTrue(Grouping.admit(resolvedLate, firing("a", T0.plusSeconds(25)), TIMING, T0.plusSeconds(31)).isEmpty(),
                "an older firing update arriving after the resolution is stale");
    }

    @Test
    void shouldNotRepeatAGroupWhoseFiringAlertsAreAllAcknowledged() {
        GroupState g = admit(GroupState.empty("rx", KEY), firing("a", T0), T0);
        g = Grouping.flush(g, TIMING, T0.plusSeconds(5), true).next();
        g = admit(g, member("a", Member.FIRING, false, true, T0.plusSeconds(60)), T0.plusSeconds(60));
        Instant repeatAt = T0.plusSeconds(5).plus(Duration.ofHours(4));
        Flush quiet = Grouping.flush(g, TIMING, repeatAt, true);
        assertTrue(quiet.batch().isEmpty());
        assertNull(quiet.next().flushAt(), "nothing to look at again until it changes");
        g = quiet.next();

        g = admit(g, resolved("a", repeatAt.plusSeconds(1)), repeatAt.plusSeconds(1));
        assertEquals(List.of("a"), Grouping.flush(g, TIMING, repeatAt.plusSeconds(61), true).batch().orElseThrow().resolved()
                .stream().map(Member::fingerprint).toList(), "its resolution is still told");
    }
}
