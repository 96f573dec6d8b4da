package io.crowdpulse.common.events;

/** The {@code type} field of every live event, and the payload version this build speaks. */
public final class EventTypes {

    public static final int VERSION = 1;

    public static final String SESSIONS_STATS = "sessions.stats";
    public static final String METRICS_SNAPSHOT = "metrics.snapshot";
    public static final String METRICS_ANOMALY = "metrics.anomaly";
    public static final String ALERT_EVENT = "alert.event";
    public static final String OPTIMIZER_ACTION = "optimizer.action";

    private EventTypes() {
    }
}
