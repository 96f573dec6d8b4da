package io.crowdpulse.common.events;

import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What session-service publishes every second on {@code crowdpulse.sessions.stats}: the concurrent
 * users and sessions now, per module and per organization, and the sessions started and ended
 * during the last second.
 */
@RegisterForReflection
public record SessionsStatsEvent(
        String type,
        int version,
        Instant timestamp,
        long concurrentUsers,
        long activeSessions,
        long windowSeconds,
        Map<String, Long> modules,
        Map<String, Long> organizations,
        long sessionsStarted,
        long sessionsEnded) {

    public static SessionsStatsEvent of(Instant timestamp, long concurrentUsers, long activeSessions,
            long windowSeconds, Map<String, Long> modules, Map<String, Long> organizations,
            long sessionsStarted, long sessionsEnded) {
        return new SessionsStatsEvent(EventTypes.SESSIONS_STATS, EventTypes.VERSION, timestamp,
                concurrentUsers, activeSessions, windowSeconds, Map.copyOf(modules),
                Map.copyOf(organizations), sessionsStarted, sessionsEnded);
    }
}
