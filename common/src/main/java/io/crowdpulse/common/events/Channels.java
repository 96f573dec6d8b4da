package io.crowdpulse.common.events;

/**
 * Names of the Redis pub/sub channels the services talk over (DESIGN.md, "Live events").
 *
 * <p>The names are {@code <namespace>.<suffix>}; the namespace is {@code crowdpulse} in production
 * ({@code crowdpulse.events.namespace}) and unique per test run, so tests never hear each other.
 */
public final class Channels {

    public static final String DEFAULT_NAMESPACE = "crowdpulse";

    public static final String SESSIONS_STATS = "sessions.stats";
    public static final String METRICS_SNAPSHOTS = "metrics.snapshots";
    public static final String METRICS_ANOMALIES = "metrics.anomalies";
    public static final String ALERTS_EVENTS = "alerts.events";
    public static final String OPTIMIZER_ACTIONS = "optimizer.actions";

    private Channels() {
    }

    /** The full channel name of {@code suffix} in {@code namespace}, e.g. {@code crowdpulse.sessions.stats}. */
    public static String name(String namespace, String suffix) {
        return namespace + "." + suffix;
    }
}
