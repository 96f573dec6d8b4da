package io.crowdpulse.session.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.records.PartitionMaintenance;

/** The per-minute rollups in PostgreSQL; writing a minute twice keeps the first row. */
@ApplicationScoped
public class RollupRepository {

    private static final String INSERT = """
            INSERT INTO concurrency_rollups
                (scope, scope_id, minute, min_users, avg_users, max_users, covered_seconds, samples)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT = """
            SELECT scope, scope_id, minute, min_users, avg_users, max_users, covered_seconds, samples
            FROM concurrency_rollups
            WHERE scope = ? AND scope_id = ? AND minute >= ? AND minute < ?
            ORDER BY minute""";

    private final DataSource dataSource;
    private final PartitionMaintenance partitions;

    public RollupRepository(DataSource dataSource, PartitionMaintenance partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    public void insert(List<RollupRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        for (RollupRow row : rows) {
            partitions.ensure(PartitionMaintenance.ROLLUPS, row.minute());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (RollupRow row : rows) {
                ps.setString(1, row.scope());
                ps.setString(2, row.scopeId());
                ps.setTimestamp(3, Timestamp.from(row.minute()));
                ps.setLong(4, row.min());
                ps.setDouble(5, row.avg());
                ps.setLong(6, row.max());
                ps.setLong(7, row.coveredSeconds());
                ps.setInt(8, row.samples());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** The rollups of a scope with minutes in [from, to), oldest first. */
    public List<RollupRow> find(String scope, String scopeId, java.time.Instant from, java.time.Instant to)
            throws SQLException {
        List<RollupRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, scope);
            ps.setString(2, scopeId);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RollupRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getLong(4), rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getInt(8)));
                }
            }
        }
        return rows;
    }
}
