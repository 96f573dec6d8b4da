package io.crowdpulse.cli.concurrency;

/** How many users are online right now, as {@code GET /concurrent-users} answers. */
public record CurrentUsers(String timestamp, long concurrentUsers, long activeSessions, long windowSeconds) {
}
