package io.crowdpulse.common.overload;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.Startup;

/**
 * The default PostgreSQL connection pool (Agroal), where the service has one: its usage as metrics and in
 * {@code /api/v1/concurrency}, and its maximum size as the {@code db.pool-max-size} knob, applied to the
 * running pool at once. A service without a datasource registers neither.
 */
@Singleton
@Startup
public class DatabasePool {

    private static final Logger LOG = Logger.getLogger(DatabasePool.class);

    /** Usage of the pool now. */
    public record Usage(long active, int max, long awaiting) {
    }

    private final InjectableInstance<AgroalDataSource> dataSources;
    private final TuningRegistry tuning;
    private final MeterRegistry meters;
    private AgroalDataSource dataSource;

    public DatabasePool(InjectableInstance<AgroalDataSource> dataSources, TuningRegistry tuning, MeterRegistry meters) {
        this.dataSources = dataSources;
        this.tuning = tuning;
        this.meters = meters;
    }

    @PostConstruct
    void register() {
        dataSource = active();
        if (dataSource == null) {
            return;
        }
        // Agroal counts active and waiting connections only with its metrics on; the cost is a few counters.
        dataSource.getConfiguration().setMetricsEnabled(true);
        tuning.register(Knob.newBuilder(KnobNames.DB_POOL_MAX_SIZE).unit("connections").range(1, 500)
                .description("Most PostgreSQL connections the pool opens")
                .reader(() -> pool().maxSize()).writer(v -> resize((int) v)).build());
        Gauge.builder(OverloadMetrics.DB_POOL_ACTIVE, this, p -> p.usage().map(Usage::active).orElse(0L))
                .description("PostgreSQL connections in use").register(meters);
        Gauge.builder(OverloadMetrics.DB_POOL_MAX, this, p -> p.usage().map(Usage::max).orElse(0))
                .description("Most PostgreSQL connections the pool opens").register(meters);
        Gauge.builder(OverloadMetrics.DB_POOL_WAITING, this, p -> p.usage().map(Usage::awaiting).orElse(0L))
                .description("Threads waiting for a PostgreSQL connection").register(meters);
    }

    private AgroalDataSource active() {
        if (!dataSources.isResolvable()) {
            return null;
        }
        try {
            return dataSources.getActive();
        } catch (RuntimeException e) {
            // No datasource configured (or it is deactivated): nothing to report or tune.
            LOG.debugf("No active default datasource: %s", e.getMessage());
            return null;
        }
    }

    private AgroalConnectionPoolConfiguration pool() {
        return dataSource.getConfiguration().connectionPoolConfiguration();
    }

    private synchronized void resize(int max) {
        AgroalConnectionPoolConfiguration pool = pool();
        if (pool.minSize() > max) {
            pool.setMinSize(max);
        }
        pool.setMaxSize(max);
    }

    /** The pool's usage, when the service has a datasource. */
    public Optional<Usage> usage() {
        if (dataSource == null) {
            return Optional.empty();
        }
        var metrics = dataSource.getMetrics();
        return Optional.of(new Usage(metrics.activeCount(), pool().maxSize(), metrics.awaitingCount()));
    }
}
