package io.crowdpulse.session.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;

/** Session records in PostgreSQL; writing one twice keeps one row. */
@ApplicationScoped
public class SessionRecordRepository {

    private static final String INSERT = """
            INSERT INTO session_records (session_id, user_id, organization_id, module_id, user_agent, ip_address,
                started_at, ended_at, duration_ms, end_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String COLUMNS = """
            session_id, user_id, organization_id, module_id, user_agent, ip_address, started_at, ended_at,
            duration_ms, end_reason""";

    private final DataSource dataSource;
    private final PartitionMaintenance partitions;

    public SessionRecordRepository(DataSource dataSource, PartitionMaintenance partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    public void insert(List<SessionRecord> records) throws SQLException {
        for (SessionRecord r : records) {
            partitions.ensure(PartitionMaintenance.RECORDS, r.endedAt());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (SessionRecord r : records) {
                ps.setString(1, r.sessionId());
                ps.setString(2, r.userId());
                ps.setString(3, r.organizationId());
                ps.setString(4, r.moduleId());
                ps.setString(5, r.userAgent());
                ps.setString(6, r.ipAddress());
                ps.setTimestamp(7, Timestamp.from(r.startedAt()));
                ps.setTimestamp(8, Timestamp.from(r.endedAt()));
                ps.setLong(9, r.durationMillis());
                ps.setString(10, r.endReason());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** Records that ended in [from, to), newest first, optionally of one user, organization or session. */
    public Page<SessionRecord> find(RecordFilter filter, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new PagedQuery()
                    .where("ended_at >= ?", Timestamp.from(filter.from()))
                    .where("ended_at < ?", Timestamp.from(filter.to()))
                    .where("user_id = ?", filter.userId())
                    .where("organization_id = ?", filter.organizationId())
                    .where("session_id = ?", filter.sessionId())
                    .run(c, COLUMNS, "session_records", "ended_at DESC, session_id", page, rs -> new SessionRecord(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                            rs.getLong(9), rs.getString(10)));
        }
    }

    /** Which records to list. */
    public record RecordFilter(Instant from, Instant to, String userId, String organizationId, String sessionId) {
    }
}
