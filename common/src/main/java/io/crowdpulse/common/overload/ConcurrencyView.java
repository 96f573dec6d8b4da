package io.crowdpulse.common.overload;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What {@code GET /api/v1/concurrency} shows: how close this service is to its limits, and what it sheds. */
@RegisterForReflection
public record ConcurrencyView(Instant timestamp, LimiterView limiter, RateLimitView rateLimit, List<WorkerView> workers,
        List<CircuitBreakerView> circuitBreakers, DatabaseView database, DegradedView degraded) {

    /** The concurrency limiter, overall and per partition. */
    @RegisterForReflection
    public record LimiterView(boolean enabled, String algorithm, int limit, int minLimit, int maxLimit, int inflight,
            long shed, List<PartitionView> partitions) {
    }

    /**
     * One partition: its guaranteed share of the limit and its own ceiling (null for admin, which is never
     * shed; a ceiling of 100,000 is none), what it has in flight, and what it admitted and shed since start.
     */
    @RegisterForReflection
    public record PartitionView(String name, Double share, Integer guaranteed, Integer maxInflight, int inflight,
            long admitted, long shed) {
    }

    /** The per-key rate limit. */
    @RegisterForReflection
    public record RateLimitView(boolean enabled, double perClientRate, double perClientBurst, int clients,
            int maxClients, long rejected) {
    }

    /** One background queue and its worker pool. */
    @RegisterForReflection
    public record WorkerView(String name, int queueSize, int queueCapacity, int poolActive, int poolSize,
            long processed, long retries, long failed, long rejected) {
    }

    /**
     * One circuit breaker of an outbound client ({@code client:destination}): what it protects, its state
     * ({@code closed}, {@code open}, {@code half-open}) and the settings of its guard.
     */
    @RegisterForReflection
    public record CircuitBreakerView(String name, String protects, String state, long timeoutMs, int maxRetries,
            int requestVolume, double failureRatio, long delayMs, int bulkhead) {
    }

    /** The PostgreSQL connection pool; null where the service has no datasource. */
    @RegisterForReflection
    public record DatabaseView(long active, int max, long awaiting) {
    }

    /** Degraded mode: whether it is on, since when (the current state's start), and its thresholds. */
    @RegisterForReflection
    public record DegradedView(boolean enabled, boolean active, Instant since, long enterAfterSeconds,
            long exitAfterSeconds) {
    }
}
