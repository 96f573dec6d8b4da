package io.crowdpulse.common.overload;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.overload.ConcurrencyView.CircuitBreakerView;
import io.crowdpulse.common.overload.ConcurrencyView.DatabaseView;
import io.crowdpulse.common.overload.ConcurrencyView.DegradedView;
import io.crowdpulse.common.overload.ConcurrencyView.LimiterView;
import io.crowdpulse.common.overload.ConcurrencyView.PartitionView;
import io.crowdpulse.common.overload.ConcurrencyView.RateLimitView;
import io.crowdpulse.common.overload.ConcurrencyView.WorkerView;
import io.crowdpulse.common.overload.limiter.Partition;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.crowdpulse.common.overload.ratelimit.ClientRateLimiter;
import io.crowdpulse.common.overload.workers.BatchWorker;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;

/**
 * {@code GET /api/v1/concurrency}: limiter, rate limit, background queues, circuit breakers of outbound
 * clients, database pool and degraded mode.
 */
@Path("/api/v1/concurrency")
@Produces(MediaType.APPLICATION_JSON)
public class ConcurrencyResource {

    private final OverloadProtection protection;
    private final BackgroundWorkers workers;
    private final CircuitBreakers breakers;
    private final DatabasePool database;
    private final DegradedMode degraded;
    private final Clock clock;

    public ConcurrencyResource(OverloadProtection protection, BackgroundWorkers workers, CircuitBreakers breakers,
            DatabasePool database, DegradedMode degraded, Clock clock) {
        this.protection = protection;
        this.workers = workers;
        this.breakers = breakers;
        this.database = database;
        this.degraded = degraded;
        this.clock = clock;
    }

    @GET
    @Access(Role.VIEWER)
    public ConcurrencyView get() {
        PartitionedLimiter l = protection.limiter();
        List<PartitionView> partitions = new ArrayList<>();
        for (Partition p : Partition.values()) {
            boolean limited = p != Partition.ADMIN;
            partitions.add(new PartitionView(p.label(), limited ? l.share(p) : null, limited ? l.guaranteed(p) : null,
                    limited ? Math.min(OverloadProtection.MAX_CEILING, l.ceiling(p)) : null, l.inflight(p), l.admitted(p), l.shed(p)));
        }
        LimiterView limiter = new LimiterView(protection.limiterEnabled(), l.algorithm().label(), l.limit(), l.minLimit(),
                l.maxLimit(), l.inflight(), l.shedTotal(), partitions);
        ClientRateLimiter r = protection.rateLimiter();
        RateLimitView rateLimit = new RateLimitView(protection.rateLimitEnabled(), r.rate(), r.burst(), r.clients(),
                r.maxClients(), r.rejected());
        List<WorkerView> queues = new ArrayList<>();
        for (BatchWorker<?> w : workers.workers()) {
            queues.add(new WorkerView(w.name(), w.queueSize(), w.capacity(), w.activeWorkers(), w.poolSize(),
                    w.processed(), w.retries(), w.failed(), w.rejected()));
        }
        List<CircuitBreakerView> circuits = new ArrayList<>();
        for (CircuitBreakers.Status c : breakers.list()) {
            var s = c.settings();
            circuits.add(new CircuitBreakerView(c.breaker().name(), c.breaker().protects(), c.state(),
                    s.timeout().toMillis(), s.maxRetries(), s.circuitVolume(), s.circuitFailureRatio(),
                    s.circuitDelay().toMillis(), s.bulkhead()));
        }
        DatabaseView db = database.usage().map(u -> new DatabaseView(u.active(), u.max(), u.awaiting())).orElse(null);
        DegradedView mode = new DegradedView(degraded.enabled(), degraded.isDegraded(), degraded.since(),
                degraded.enterAfter().toSeconds(), degraded.exitAfter().toSeconds());
        return new ConcurrencyView(clock.instant(), limiter, rateLimit, queues, circuits, db, mode);
    }
}
