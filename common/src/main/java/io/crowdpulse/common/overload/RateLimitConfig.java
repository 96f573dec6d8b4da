package io.crowdpulse.common.overload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client (per API key) rate limiting. Generous by default: it stops a runaway client, not normal use. */
@ConfigMapping(prefix = "crowdpulse.ratelimit")
public interface RateLimitConfig {

    /** Whether clients are rate limited at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Sustained requests per second per key (tunable {@code ratelimit.per-client-rate}). One key may be a
     * whole platform's heartbeat relay, so the default is above what one service instance serves.
     */
    @WithDefault("100000")
    double perClientRate();

    /** Requests a key may send at once after being idle (tunable {@code ratelimit.per-client-burst}). */
    @WithDefault("200000")
    double perClientBurst();

    /** Most keys tracked at a time; idle ones are dropped first. */
    @WithDefault("10000")
    int maxClients();
}
