package io.crowdpulse.optimizer.strategy;

import java.util.Comparator;
import java.util.List;

import io.crowdpulse.optimizer.strategy.standard.AutoscalingStrategy;
import io.crowdpulse.optimizer.strategy.standard.CacheStrategy;
import io.crowdpulse.optimizer.strategy.standard.ConnectionPoolStrategy;
import io.crowdpulse.optimizer.strategy.standard.LimiterBoundsStrategy;
import io.crowdpulse.optimizer.strategy.standard.QueryCeilingStrategy;
import io.crowdpulse.optimizer.strategy.standard.QueueSizeStrategy;
import io.crowdpulse.optimizer.strategy.standard.RateLimitStrategy;
import io.crowdpulse.optimizer.strategy.standard.SessionCleanupStrategy;
import io.crowdpulse.optimizer.strategy.standard.WorkerPoolStrategy;

/**
 * The standard set of strategies, in priority order, each with the knob it changes: autoscaling (90,
 * {@code k8s.replicas}, only where the optimizer can scale), rate limiting (85, {@code ratelimit.per-client-rate}),
 * connection pool (80, {@code db.pool-max-size}), queue size (75, {@code workers.queue-capacity}), worker pool
 * (70, {@code workers.pool-size}), query ceiling (67, {@code limiter.query-max-inflight}), limiter bounds (65, {@code limiter.max-limit}), session cleanup (60,
 * {@code sessions.cleanup-interval}), cache (50, {@code cache.ttl}). Proposals that only give back idle resources
 * carry half their strategy's priority and expect little or no improvement (see the {@code standard} package).
 */
public final class Strategies {

    /** The p99 latency the standard strategies hold a target to unless told otherwise. */
    public static final double DEFAULT_P99_TARGET_MS = 250;
    /** The most replicas the standard autoscaling strategy proposes unless told otherwise. */
    public static final int DEFAULT_MAX_REPLICAS = 10;

    private Strategies() {
    }

    public static List<Strategy> standard() {
        return standard(DEFAULT_P99_TARGET_MS, DEFAULT_MAX_REPLICAS);
    }

    /**
     * The standard strategies with the latency target they hold targets to (p99; the cache strategy uses 80 % of
     * it for p95) and the most replicas autoscaling may propose.
     */
    public static List<Strategy> standard(double p99TargetMs, int maxReplicas) {
        List<Strategy> strategies = List.of(
                AutoscalingStrategy.newBuilder().p99TargetMs(p99TargetMs).maxReplicas(maxReplicas).build(),
                RateLimitStrategy.newBuilder().p99TargetMs(p99TargetMs).build(),
                ConnectionPoolStrategy.newBuilder().build(),
                QueueSizeStrategy.newBuilder().build(),
                WorkerPoolStrategy.newBuilder().build(),
                QueryCeilingStrategy.newBuilder().p99TargetMs(p99TargetMs).build(),
                LimiterBoundsStrategy.newBuilder().p99TargetMs(p99TargetMs).build(),
                SessionCleanupStrategy.newBuilder().build(),
                CacheStrategy.newBuilder().p95TargetMs(0.8 * p99TargetMs).build());
        return strategies.stream()
                .sorted(Comparator.comparingInt(Strategy::priority).reversed())
                .toList();
    }
}
