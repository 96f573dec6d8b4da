package io.crowdpulse.optimizer.figures;

/**
 * The metric names the optimizer reads (DESIGN.md's snapshot names, plus the collector's
 * {@code http.throttled_rate}: the share of 429 and 503 answers, 0..1).
 */
public final class Metrics {

    public static final String CPU = "system.cpu";
    public static final String MEMORY = "system.memory";
    public static final String LOAD1 = "system.load1";
    public static final String RPS = "http.rps";
    public static final String ERROR_RATE = "http.error_rate";
    public static final String THROTTLED_RATE = "http.throttled_rate";
    public static final String P50_MS = "http.p50_ms";
    public static final String P95_MS = "http.p95_ms";
    public static final String P99_MS = "http.p99_ms";
    public static final String CONCURRENT_USERS = "sessions.concurrent_users";
    public static final String ACTIVE_SESSIONS = "sessions.active_sessions";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String QUEUE_SUFFIX = ".size";
    public static final String POOL_PREFIX = "pool.";
    public static final String POOL_SUFFIX = ".usage";
    public static final String GAUGE_PREFIX = "gauge.";

    // What common's overload protection exposes on /q/metrics, as the collector maps it.
    public static final String LIMITER_LIMIT = "gauge.crowdpulse_limiter_limit";
    public static final String LIMITER_INFLIGHT = "gauge.crowdpulse_limiter_inflight";
    /** The query partition's requests in flight (the gauge's {@code partition=query} sample). */
    public static final String LIMITER_QUERY_INFLIGHT = LIMITER_INFLIGHT + ".query";
    /** Cores the target's JVM sees (Micrometer's {@code system.cpu.count}). */
    public static final String CPU_COUNT = "gauge.system_cpu_count";
    public static final String DEGRADED = "gauge.crowdpulse_degraded";
    public static final String WORKERS_QUEUE = "queue.crowdpulse-workers.size";
    public static final String WORKERS_POOL = "pool.crowdpulse-workers.usage";
    public static final String DB_POOL = "pool.crowdpulse-db.usage";
    public static final String DB_POOL_WAITING = "gauge.crowdpulse_db_pool_waiting";
    public static final String CACHE_HIT_RATIO = "gauge.crowdpulse_cache_hit_ratio";
    // The Quarkus Redis client's pool, as the collector maps it: usage, and commands waiting for a connection.
    public static final String REDIS_POOL = "pool.redis.usage";
    public static final String REDIS_POOL_WAITING = "queue.redis-pool.size";

    private Metrics() {
    }
}
