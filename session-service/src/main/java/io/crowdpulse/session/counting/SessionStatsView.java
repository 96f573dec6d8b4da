package io.crowdpulse.session.counting;

import java.time.Instant;

/** Session figures now: active and open sessions, start and end rates over the last window, average duration. */
public record SessionStatsView(Instant timestamp, long activeSessions, long openSessions, Double startedPerMinute,
        Double endedPerMinute, Double averageDurationSeconds, long rateWindowSeconds) {
}
