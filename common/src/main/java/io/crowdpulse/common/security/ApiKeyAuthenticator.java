package io.crowdpulse.common.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The configured API keys of this service. Application-scoped so that it is created at the first request,
 * after runtime configuration is known, not when the REST filters are built at static init.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private final ApiKeys keys;
    private final boolean enabled;

    public ApiKeyAuthenticator(SecurityConfig config) {
        this.keys = new ApiKeys(config.ingestKeys().orElse(List.of()), config.viewerKeys().orElse(List.of()),
                config.adminKeys().orElse(List.of()));
        this.enabled = config.enabled();
    }

    public boolean enabled() {
        return enabled;
    }

    public Optional<Role> roleOf(String presentedKey) {
        return keys.roleOf(presentedKey);
    }
}
