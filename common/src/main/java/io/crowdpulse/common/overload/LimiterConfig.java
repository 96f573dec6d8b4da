package io.crowdpulse.common.overload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The adaptive concurrency limiter in front of every HTTP route. */
@ConfigMapping(prefix = "crowdpulse.limiter")
public interface LimiterConfig {

    /** Whether requests are limited at all; off, nothing is shed (rate limiting still applies). */
    @WithDefault("true")
    boolean enabled();

    /** {@code gradient2} (default) or {@code vegas}. */
    @WithDefault("gradient2")
    String algorithm();

    /** The limit before the algorithm has learned one. */
    @WithDefault("100")
    int initialLimit();

    /** Lowest limit the algorithm may choose (tunable {@code limiter.min-limit}). */
    @WithDefault("10")
    int minLimit();

    /** Highest limit the algorithm may choose (tunable {@code limiter.max-limit}). */
    @WithDefault("1000")
    int maxLimit();

    /** Share (0..1) of the limit always left to ingest requests (tunable {@code limiter.ingest-share}). */
    @WithDefault("0.5")
    double ingestShare();

    /** Share (0..1) of the limit always left to query requests (tunable {@code limiter.query-share}). */
    @WithDefault("0.3")
    double queryShare();

    /**
     * Most ingest requests in flight at once, whatever the learned limit (tunable
     * {@code limiter.ingest-max-inflight}); the default leaves ingest to the limit alone.
     */
    @WithDefault("100000")
    int ingestMaxInflight();

    /**
     * Most query requests in flight at once, whatever the learned limit (tunable
     * {@code limiter.query-max-inflight}): where queries are expensive (long-range history), about the
     * number of cores keeps their latency near the unloaded one under overload.
     */
    @WithDefault("100000")
    int queryMaxInflight();

    /** The {@code Retry-After} seconds of a shed request. */
    @WithDefault("1")
    int retryAfterSeconds();
}
