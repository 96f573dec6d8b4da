package io.crowdpulse.session.tracking;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.crowdpulse.common.validation.Identifier;

/** One activity heartbeat: this user, of this organization, is active in this session and module now. */
public record Heartbeat(
        @NotNull @Identifier String userId,
        @NotNull @Identifier String organizationId,
        @NotNull @Identifier String sessionId,
        @NotNull @Identifier String moduleId,
        @Size(max = 512) String userAgent,
        @Size(max = 64) @jakarta.validation.constraints.Pattern(regexp = "[0-9A-Fa-f:.]{2,64}",
                message = "must be an IPv4 or IPv6 address") String ipAddress) {
}
