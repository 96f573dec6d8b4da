package io.crowdpulse.common.overload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bounded queues and worker pools of a service's background work. */
@ConfigMapping(prefix = "crowdpulse.workers")
public interface WorkersConfig {

    /** Worker threads of each background queue (tunable {@code workers.pool-size}). */
    @WithDefault("2")
    int poolSize();

    /** Items each background queue holds before it refuses more (tunable {@code workers.queue-capacity}). */
    @WithDefault("10000")
    int queueCapacity();
}
