package io.crowdpulse.common.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API keys per role; each a comma-separated list. No key is built in: a role without keys admits nobody. */
@ConfigMapping(prefix = "crowdpulse.security")
public interface SecurityConfig {

    /** Keys that may send activity and metrics. */
    Optional<List<String>> ingestKeys();

    /** Keys that may read. */
    Optional<List<String>> viewerKeys();

    /** Keys that may read and change rules, alerts, actions and tuning. */
    Optional<List<String>> adminKeys();

    /** Turns the API-key check off; only for a local sandbox, never in production. */
    @WithDefault("true")
    boolean enabled();
}
