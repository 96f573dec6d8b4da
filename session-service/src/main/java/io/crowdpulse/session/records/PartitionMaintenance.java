package io.crowdpulse.session.records;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.session.config.SessionsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the monthly partitions of the time-partitioned tables: creates them ahead of time (and on demand
 * for a late record), and drops whole months past retention. Replicas serialize on an advisory lock.
 */
@ApplicationScoped
public class PartitionMaintenance {

    public static final String RECORDS = "session_records";
    public static final String ROLLUPS = "concurrency_rollups";
    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    private static final long LOCK_ID = 0x63705f7365737300L; // "cp_sess\0"

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration recordRetention;
    private final Duration rollupRetention;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public PartitionMaintenance(DataSource dataSource, Clock clock, SessionsConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.recordRetention = config.records().retention();
        this.rollupRetention = config.history().rollupRetention();
    }

    void onStart(@Observes StartupEvent event) {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        try {
            YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
            for (String table : List.of(RECORDS, ROLLUPS)) {
                for (int m = -1; m <= 2; m++) {
                    ensure(table, now.plusMonths(m));
                }
            }
            dropBefore(RECORDS, clock.instant().minus(recordRetention));
            dropBefore(ROLLUPS, clock.instant().minus(rollupRetention));
        } catch (SQLException e) {
            LOG.warnf("Partition maintenance failed, will retry: %s", e.getMessage());
        }
    }

    /** Makes sure the partition of {@code table} holding {@code at} exists. */
    public void ensure(String table, Instant at) throws SQLException {
        ensure(table, YearMonth.from(at.atZone(ZoneOffset.UTC)));
    }

    void ensure(String table, YearMonth month) throws SQLException {
        String name = partitionName(table, month);
        if (known.contains(name)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
            st.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('"
                    + month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "') TO ('"
                    + month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "')");
            c.commit();
        }
        known.add(name);
    }

    /** Drops the partitions of {@code table} whose whole month lies before {@code cutoff}. */
    int dropBefore(String table, Instant cutoff) throws SQLException {
        YearMonth cutoffMonth = YearMonth.from(cutoff.atZone(ZoneOffset.UTC));
        List<String> drop = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
            try (ResultSet rs = st.executeQuery("""
                    SELECT child.relname FROM pg_inherits
                    JOIN pg_class parent ON pg_inherits.inhparent = parent.oid
                    JOIN pg_class child ON pg_inherits.inhrelid = child.oid
                    JOIN pg_namespace ns ON parent.relnamespace = ns.oid
                    WHERE parent.relname = '%s' AND ns.nspname = current_schema()""".formatted(table))) {
                while (rs.next()) {
                    String child = rs.getString(1);
                    YearMonth month = monthOf(table, child);
                    if (month != null && month.isBefore(cutoffMonth)) {
                        drop.add(child);
                    }
                }
            }
            for (String child : drop) {
                st.execute("DROP TABLE IF EXISTS " + child);
                known.remove(child);
                LOG.infof("Dropped partition %s, past retention", child);
            }
            c.commit();
        }
        return drop.size();
    }

    static String partitionName(String table, YearMonth month) {
        return "%s_%04d_%02d".formatted(table, month.getYear(), month.getMonthValue());
    }

    static YearMonth monthOf(String table, String partition) {
        String suffix = partition.substring(table.length());
        if (!suffix.matches("_\\d{4}_\\d{2}")) {
            return null;
        }
        return YearMonth.of(Integer.parseInt(suffix.substring(1, 5)), Integer.parseInt(suffix.substring(6, 8)));
    }
}
