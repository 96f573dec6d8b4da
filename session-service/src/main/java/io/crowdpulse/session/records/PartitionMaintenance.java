package io.crowdpulse.session.records;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.common.db.MonthlyPartitions;
import io.crowdpulse.session.config.SessionsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the monthly partitions of the session tables: the current and next months exist ahead of time
 * (late records get theirs on demand), and months past retention are dropped whole.
 */
@ApplicationScoped
public class PartitionMaintenance {

    public static final String RECORDS = "session_records";
    public static final String ROLLUPS = "concurrency_rollups";
    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Clock clock;
    private final Map<String, MonthlyPartitions> tables;
    private final Map<String, Duration> retention;

    public PartitionMaintenance(DataSource dataSource, Clock clock, SessionsConfig config) {
        this.clock = clock;
        this.tables = Map.of(RECORDS, new MonthlyPartitions(dataSource, RECORDS),
                ROLLUPS, new MonthlyPartitions(dataSource, ROLLUPS));
        this.retention = Map.of(RECORDS, config.records().retention(), ROLLUPS, config.history().rollupRetention());
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        try {
            YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
            for (Map.Entry<String, MonthlyPartitions> table : tables.entrySet()) {
                for (int m = -1; m <= 2; m++) {
                    table.getValue().ensure(now.plusMonths(m));
                }
                int dropped = table.getValue().dropBefore(clock.instant().minus(retention.get(table.getKey())));
                if (dropped > 0) {
                    LOG.infof("Dropped %d partitions of %s past retention", dropped, table.getKey());
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Partition maintenance failed, will retry: %s", e.getMessage());
        }
    }

    /** Makes sure the partition of {@code table} holding {@code at} exists. */
    public void ensure(String table, Instant at) throws SQLException {
        tables.get(table).ensure(at);
    }
}
