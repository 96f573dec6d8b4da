package io.crowdpulse.common.overload;

/**
 * The names of the overload-protection meters (Micrometer, dot-named; on {@code /q/metrics} with
 * underscores), which the metrics-collector maps and the optimizer reads.
 */
public final class OverloadMetrics {

    /** Gauge: the concurrency limit; tag {@code partition} = all, or a partition's guaranteed share. */
    public static final String LIMITER_LIMIT = "crowdpulse.limiter.limit";
    /** Gauge: requests in flight; tag {@code partition} = all (limited requests), ingest, query, admin. */
    public static final String LIMITER_INFLIGHT = "crowdpulse.limiter.inflight";
    /** Counter: requests shed with 503; tag {@code partition}. */
    public static final String LIMITER_SHED = "crowdpulse.limiter.shed";
    /** Counter: requests refused with 429 by the per-client rate limit. */
    public static final String RATE_LIMIT_REJECTED = "crowdpulse.ratelimit.rejected";
    /** Gauges of each background queue; tag {@code worker}. */
    public static final String WORKERS_QUEUE_SIZE = "crowdpulse.workers.queue.size";
    public static final String WORKERS_POOL_ACTIVE = "crowdpulse.workers.pool.active";
    public static final String WORKERS_POOL_MAX = "crowdpulse.workers.pool.max";
    /** Gauges of the PostgreSQL connection pool. */
    public static final String DB_POOL_ACTIVE = "crowdpulse.db.pool.active";
    public static final String DB_POOL_MAX = "crowdpulse.db.pool.max";
    public static final String DB_POOL_WAITING = "crowdpulse.db.pool.waiting";
    /** Gauge: 1 while the service is in degraded mode, else 0. */
    public static final String DEGRADED = "crowdpulse.degraded";

    static final String PARTITION = "partition";
    static final String ALL = "all";
    static final String WORKER = "worker";

    private OverloadMetrics() {
    }
}
