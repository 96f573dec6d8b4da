package io.crowdpulse.common.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The monthly partitions of a PostgreSQL table partitioned by range of a timestamp: creates a month's
 * partition when it is first needed and drops whole months past retention. Replicas of a service
 * serialize on an advisory lock, so two never create or drop the same partition at once.
 */
public final class MonthlyPartitions {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final DataSource dataSource;
    private final String table;
    private final long lockId;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public MonthlyPartitions(DataSource dataSource, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.lockId = ("crowdpulse.partitions." + table).hashCode();
    }

    /** Makes sure the partition holding {@code at} exists. */
    public void ensure(Instant at) throws SQLException {
        ensure(YearMonth.from(at.atZone(ZoneOffset.UTC)));
    }

    public void ensure(YearMonth month) throws SQLException {
        if (known.contains(month)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(" + lockId + ")");
            st.execute("CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF " + table
                    + " FOR VALUES FROM ('" + start(month) + "') TO ('" + start(month.plusMonths(1)) + "')");
            c.commit();
        }
        known.add(month);
    }

    /** Drops the partitions whose whole month lies before {@code cutoff}; returns how many. */
    public int dropBefore(Instant cutoff) throws SQLException {
        YearMonth cutoffMonth = YearMonth.from(cutoff.atZone(ZoneOffset.UTC));
        List<String> drop = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(" + lockId + ")");
            try (ResultSet rs = st.executeQuery("""
                    SELECT child.relname FROM pg_inherits
                    JOIN pg_class parent ON pg_inherits.inhparent = parent.oid
                    JOIN pg_class child ON pg_inherits.inhrelid = child.oid
                    JOIN pg_namespace ns ON parent.relnamespace = ns.oid
                    WHERE parent.relname = '%s' AND ns.nspname = current_schema()""".formatted(table))) {
                while (rs.next()) {
                    YearMonth month = monthOf(rs.getString(1));
                    if (month != null && month.isBefore(cutoffMonth)) {
                        drop.add(rs.getString(1));
                        known.remove(month);
                    }
                }
            }
            for (String child : drop) {
                st.execute("DROP TABLE IF EXISTS " + child);
            }
            c.commit();
        }
        return drop.size();
    }

    public String partitionName(YearMonth month) {
        return "%s_%04d_%02d".formatted(table, month.getYear(), month.getMonthValue());
    }

    YearMonth monthOf(String partition) {
        if (!partition.startsWith(table)) {
            return null;
        }
        String suffix = partition.substring(table.length());
        if (!suffix.matches("_\\d{4}_\\d{2}")) {
            return null;
        }
        return YearMonth.of(Integer.parseInt(suffix.substring(1, 5)), Integer.parseInt(suffix.substring(6, 8)));
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
