package io.crowdpulse.common.overload;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a service enters and leaves degraded mode, in which it sheds its most expensive, least important work. */
@ConfigMapping(prefix = "crowdpulse.degraded")
public interface DegradedConfig {

    /** Whether the service may enter degraded mode at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the limiter figures are looked at. */
    @WithDefault("1s")
    Duration tick();

    /** How long overload must last before degraded mode starts (tunable {@code degraded.enter-after}). */
    @WithDefault("10s")
    Duration enterAfter();

    /** How long calm must last before degraded mode ends (tunable {@code degraded.exit-after}). */
    @WithDefault("30s")
    Duration exitAfter();

    /** Share (0..1) of a tick's requests that, shed, makes the tick overloaded. */
    @WithDefault("0.05")
    double shedRatio();

    /** Share of the limit in flight at the end of a tick that makes the tick overloaded. */
    @WithDefault("0.95")
    double saturation();

    /** How often live streams send updates while degraded. */
    @WithDefault("5s")
    Duration streamInterval();
}
