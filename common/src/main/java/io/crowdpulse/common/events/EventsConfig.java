package io.crowdpulse.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where live events go: the namespace in front of every channel name. */
@ConfigMapping(prefix = "crowdpulse.events")
public interface EventsConfig {

    /** {@code crowdpulse} in production; tests use their own so parallel runs never hear each other. */
    @WithDefault(Channels.DEFAULT_NAMESPACE)
    String namespace();

    default String channel(String suffix) {
        return Channels.name(namespace(), suffix);
    }
}
