package io.crowdpulse.session.counting;

import java.time.Instant;

/**
 * The counts of the whole platform at one instant, summed over the partitions: users and sessions active
 * in the window, sessions still open, and the running totals of sessions started and ended.
 */
public record Counts(Instant timestamp, long concurrentUsers, long activeSessions, long openSessions,
        long windowSeconds, long startedTotal, long endedTotal, long endedDurationMillisTotal) {
}
