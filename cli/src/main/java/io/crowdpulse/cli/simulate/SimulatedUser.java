package io.crowdpulse.cli.simulate;

import java.time.Instant;

import io.crowdpulse.cli.sessions.Activity;

/** One simulated user in one session: who they are, where they are, and when they next act. */
final class SimulatedUser {

    private final String userId;
    private final String organizationId;
    private final String sessionId;
    private final String userAgent;
    private final Instant logoutAt;
    private String moduleId;
    private Instant nextHeartbeat;
    private boolean loggedIn;

    SimulatedUser(String userId, String organizationId, String sessionId, String userAgent, String moduleId,
                  Instant firstHeartbeat, Instant logoutAt) {
        this.userId = userId;
        this.organizationId = organizationId;
        this.sessionId = sessionId;
        this.userAgent = userAgent;
        this.moduleId = moduleId;
        this.nextHeartbeat = firstHeartbeat;
        this.logoutAt = logoutAt;
    }

    /** When this user next does something: a heartbeat or the logout, whichever comes first. */
    Instant nextEvent() {
        return logoutAt.isBefore(nextHeartbeat) ? logoutAt : nextHeartbeat;
    }

    boolean logsOutBeforeNextHeartbeat() {
        return !logoutAt.isAfter(nextHeartbeat);
    }

    /** The heartbeat due now; the first one is the login. */
    Activity heartbeat() {
        loggedIn = true;
        return new Activity(userId, organizationId, sessionId, moduleId, userAgent);
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    void moveTo(String module) {
        moduleId = module;
    }

    void scheduleHeartbeat(Instant at) {
        nextHeartbeat = at;
    }

    String sessionId() {
        return sessionId;
    }

    String moduleId() {
        return moduleId;
    }

    Instant nextHeartbeat() {
        return nextHeartbeat;
    }

    Instant logoutAt() {
        return logoutAt;
    }
}
