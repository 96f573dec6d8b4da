package io.crowdpulse.common.overload.limiter;

import java.util.Locale;

/** Which share of the concurrency limit a request draws on. Probes and {@code /q/metrics} bypass the limiter. */
public enum Partition {
    /** State-changing requests (POST, PUT, PATCH, DELETE) from ingest keys: heartbeats, pushed metrics. */
    INGEST,
    /** Reads (GET, HEAD). */
    QUERY,
    /** Calls with an admin key and the tuning API: counted, never shed, so an operator can always act. */
    ADMIN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The partition's name in metrics tags and JSON. */
    public String label() {
        return label;
    }
}
