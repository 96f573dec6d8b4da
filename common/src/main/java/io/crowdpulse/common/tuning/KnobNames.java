package io.crowdpulse.common.tuning;

/**
 * The names of the knobs every Crowdpulse service registers the same way, so the optimizer finds them on
 * any target (an application implementing the tuning API may register them too).
 */
public final class KnobNames {

    /** Adaptive concurrency limiter: lowest and highest limit the algorithm may choose. */
    public static final String LIMITER_MIN_LIMIT = "limiter.min-limit";
    public static final String LIMITER_MAX_LIMIT = "limiter.max-limit";
    /** Guaranteed share (0..1) of the limit for ingest and for query requests. */
    public static final String LIMITER_INGEST_SHARE = "limiter.ingest-share";
    public static final String LIMITER_QUERY_SHARE = "limiter.query-share";
    public static final String LIMITER_INGEST_MAX_INFLIGHT = "limiter.ingest-max-inflight";
    public static final String LIMITER_QUERY_MAX_INFLIGHT = "limiter.query-max-inflight";
    /** Per-client (per API key) rate limit: sustained requests per second, and burst. */
    public static final String RATE_LIMIT_RATE = "ratelimit.per-client-rate";
    public static final String RATE_LIMIT_BURST = "ratelimit.per-client-burst";
    /** Background work: worker threads and queue capacity. */
    public static final String WORKERS_POOL_SIZE = "workers.pool-size";
    public static final String WORKERS_QUEUE_CAPACITY = "workers.queue-capacity";
    /** Maximum size of the PostgreSQL connection pool. */
    public static final String DB_POOL_MAX_SIZE = "db.pool-max-size";
    /** How long a cached answer is served before it is read again. */
    public static final String CACHE_TTL = "cache.ttl";
    /**
     * optimizer-service's client of the targets' tuning API: timeout of a call, retries, failure ratio that
     * opens a target's circuit, how long it stays open, and concurrent calls to one target.
     */
    public static final String CLIENT_TIMEOUT = "client.timeout";
    public static final String CLIENT_MAX_RETRIES = "client.max-retries";
    public static final String CLIENT_CIRCUIT_FAILURE_RATIO = "client.circuit-failure-ratio";
    public static final String CLIENT_CIRCUIT_DELAY = "client.circuit-delay";
    public static final String CLIENT_BULKHEAD = "client.bulkhead";
    /** alerting-service's notification receivers: the same, per receiver (it leaves retries to its outbox). */
    public static final String NOTIFY_TIMEOUT = "notify.timeout";
    public static final String NOTIFY_CIRCUIT_FAILURE_RATIO = "notify.circuit-failure-ratio";
    public static final String NOTIFY_CIRCUIT_DELAY = "notify.circuit-delay";
    public static final String NOTIFY_BULKHEAD = "notify.bulkhead";
    /** session-service: how often expired sessions are swept. */
    public static final String SESSIONS_CLEANUP_INTERVAL = "sessions.cleanup-interval";

    private KnobNames() {
    }
}
