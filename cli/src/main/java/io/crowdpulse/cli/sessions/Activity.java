package io.crowdpulse.cli.sessions;

/** One heartbeat of a user in a session and module, as {@code POST /activity} and {@code /activity/batch} take it. */
public record Activity(String userId, String organizationId, String sessionId, String moduleId, String userAgent) {
}
