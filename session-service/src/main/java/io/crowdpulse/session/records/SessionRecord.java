package io.crowdpulse.session.records;

import java.time.Instant;
import java.util.Map;

/** An ended session as kept in PostgreSQL; {@code endReason} is {@code ended} (on request) or {@code expired}. */
public record SessionRecord(String sessionId, String userId, String organizationId, String moduleId, String userAgent,
        String ipAddress, Instant startedAt, Instant endedAt, long durationMillis, String endReason) {

    /** From the fields the Lua scripts write to the stream of ended sessions. */
    static SessionRecord fromStream(Map<String, String> f) {
        long start = Long.parseLong(f.get("start"));
        long end = Long.parseLong(f.get("end"));
        return new SessionRecord(f.get("session"), f.get("user"), f.get("org"), f.get("module"), blankToNull(f.get("ua")),
                blankToNull(f.get("ip")), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), end - start,
                f.get("reason"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
