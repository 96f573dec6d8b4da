package io.crowdpulse.common.overload;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import io.crowdpulse.common.overload.limiter.LimitAlgorithm;
import io.crowdpulse.common.overload.limiter.Partition;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.crowdpulse.common.overload.ratelimit.ClientRateLimiter;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * This service's concurrency limiter and per-client rate limiter, built from configuration, with their
 * tuning knobs and metrics. The HTTP filter ({@link OverloadFilter}) consults them on every request.
 */
@Singleton
@Startup
public class OverloadProtection {

    /** The largest ceiling a partition can be given, which in effect is none. */
    static final int MAX_CEILING = 100_000;

    private final PartitionedLimiter limiter;
    private final ClientRateLimiter rateLimiter;
    private final boolean limiterEnabled;
    private final boolean rateLimitEnabled;
    private final int retryAfterSeconds;
    private final TuningRegistry tuning;
    private final MeterRegistry meters;

    public OverloadProtection(LimiterConfig limits, RateLimitConfig rates, TuningRegistry tuning, MeterRegistry meters) {
        this.limiter = PartitionedLimiter.newBuilder()
                .algorithm(LimitAlgorithm.parse(limits.algorithm()))
                .limits(limits.minLimit(), limits.maxLimit())
                .initialLimit(limits.initialLimit())
                .ingestShare(limits.ingestShare())
                .queryShare(limits.queryShare())
                .build();
        limiter.setCeiling(Partition.INGEST, limits.ingestMaxInflight());
        limiter.setCeiling(Partition.QUERY, limits.queryMaxInflight());
        this.rateLimiter = ClientRateLimiter.newBuilder()
                .rate(rates.perClientRate())
                .burst(rates.perClientBurst())
                .maxClients(rates.maxClients())
                .build();
        this.limiterEnabled = limits.enabled();
        this.rateLimitEnabled = rates.enabled();
        this.retryAfterSeconds = Math.max(1, limits.retryAfterSeconds());
        this.tuning = tuning;
        this.meters = meters;
    }

    @PostConstruct
    void register() {
        registerKnobs();
        registerMetrics();
    }

    private void registerKnobs() {
        tuning.register(Knob.newBuilder(KnobNames.LIMITER_MIN_LIMIT).unit("requests").range(1, 100_000)
                .description("Lowest concurrency limit the adaptive limiter may choose (raises the maximum if needed)")
                .reader(limiter::minLimit)
                .writer(v -> limiter.reconfigure(limiter.algorithm(), (int) v, Math.max((int) v, limiter.maxLimit())))
                .build());
        tuning.register(Knob.newBuilder(KnobNames.LIMITER_MAX_LIMIT).unit("requests").range(1, 100_000)
                .description("Highest concurrency limit the adaptive limiter may choose (lowers the minimum if needed)")
                .reader(limiter::maxLimit)
                .writer(v -> limiter.reconfigure(limiter.algorithm(), Math.min((int) v, limiter.minLimit()), (int) v))
                .build());
        tuning.register(Knob.newBuilder(KnobNames.LIMITER_INGEST_SHARE).unit("ratio").range(0, 1).integral(false)
                .description("Share of the concurrency limit always left to ingest requests")
                .reader(() -> limiter.share(Partition.INGEST)).writer(v -> limiter.setShare(Partition.INGEST, v))
                .build());
        tuning.register(Knob.newBuilder(KnobNames.LIMITER_QUERY_SHARE).unit("ratio").range(0, 1).integral(false)
                .description("Share of the concurrency limit always left to query requests")
                .reader(() -> limiter.share(Partition.QUERY)).writer(v -> limiter.setShare(Partition.QUERY, v))
                .build());
        registerCeiling(KnobNames.LIMITER_INGEST_MAX_INFLIGHT, Partition.INGEST);
        registerCeiling(KnobNames.LIMITER_QUERY_MAX_INFLIGHT, Partition.QUERY);
        tuning.register(Knob.newBuilder(KnobNames.RATE_LIMIT_RATE).unit("requests/s").range(1, 1_000_000)
                .description("Sustained requests per second one API key may send")
                .reader(rateLimiter::rate).writer(rateLimiter::setRate).build());
        tuning.register(Knob.newBuilder(KnobNames.RATE_LIMIT_BURST).unit("requests").range(1, 1_000_000)
                .description("Requests one API key may send at once after being idle")
                .reader(rateLimiter::burst).writer(rateLimiter::setBurst).build());
    }

    private void registerCeiling(String name, Partition partition) {
        tuning.register(Knob.newBuilder(name).unit("requests").range(1, MAX_CEILING)
                .description("Most " + partition.label() + " requests in flight at once, whatever the learned limit ("
                        + MAX_CEILING + ": none)")
                .reader(() -> Math.min(MAX_CEILING, limiter.ceiling(partition)))
                .writer(v -> limiter.setCeiling(partition, (int) v))
                .build());
    }

    private void registerMetrics() {
        Gauge.builder(OverloadMetrics.LIMITER_LIMIT, limiter, PartitionedLimiter::limit)
                .tag(OverloadMetrics.PARTITION, OverloadMetrics.ALL)
                .description("Concurrency limit of the adaptive limiter (all: the whole limit; a partition: its guaranteed share)")
                .register(meters);
        Gauge.builder(OverloadMetrics.LIMITER_INFLIGHT, limiter, PartitionedLimiter::inflight)
                .tag(OverloadMetrics.PARTITION, OverloadMetrics.ALL)
                .description("Requests in flight that count against the limit").register(meters);
        for (Partition p : Partition.values()) {
            if (p != Partition.ADMIN) {
                Gauge.builder(OverloadMetrics.LIMITER_LIMIT, limiter, l -> l.guaranteed(p))
                        .tag(OverloadMetrics.PARTITION, p.label()).register(meters);
            }
            Gauge.builder(OverloadMetrics.LIMITER_INFLIGHT, limiter, l -> l.inflight(p))
                    .tag(OverloadMetrics.PARTITION, p.label()).register(meters);
            FunctionCounter.builder(OverloadMetrics.LIMITER_SHED, limiter, l -> l.shed(p))
                    .tag(OverloadMetrics.PARTITION, p.label())
                    .description("Requests shed by the concurrency limiter (503)").register(meters);
        }
        FunctionCounter.builder(OverloadMetrics.RATE_LIMIT_REJECTED, rateLimiter, ClientRateLimiter::rejected)
                .description("Requests refused by the per-client rate limit (429)").register(meters);
    }

    public PartitionedLimiter limiter() {
        return limiter;
    }

    public ClientRateLimiter rateLimiter() {
        return rateLimiter;
    }

    public boolean limiterEnabled() {
        return limiterEnabled;
    }

    public boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    /** The {@code Retry-After} seconds of a shed request. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
