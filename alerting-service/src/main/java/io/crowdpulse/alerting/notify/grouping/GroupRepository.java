package io.crowdpulse.alerting.notify.grouping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Group rows in PostgreSQL; every method runs in the caller's transaction. */
@ApplicationScoped
public class GroupRepository {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Member>> MEMBERS = new TypeReference<>() { };
    private static final TypeReference<Set<String>> FINGERPRINTS = new TypeReference<>() { };
    private static final String COLUMNS =
            "receiver, group_key, group_id, group_labels, members, notified, flush_at, last_sent_at, sequence";

    private final ObjectMapper json;

    public GroupRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The group, locked until the transaction ends (waiting for another transaction holding it). */
    public Optional<GroupState> lock(Connection c, String receiver, String groupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM notification_groups WHERE receiver = ? AND group_key = ? FOR UPDATE")) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Due groups, locked until the transaction ends; groups another replica is flushing are skipped, so
     * each due group is flushed by exactly one.
     */
    public List<GroupState> claimDue(Connection c, Instant now, int limit) throws SQLException {
        List<GroupState> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM notification_groups WHERE flush_at <= ? ORDER BY flush_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(map(rs));
                }
            }
        }
        return due;
    }

    /** Inserts a new group; false if another transaction created it first. */
    public boolean insert(Connection c, GroupState g, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_groups (" + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (receiver, group_key) DO NOTHING")) {
            ps.setString(1, g.receiver());
            ps.setString(2, g.groupKey());
            ps.setObject(3, g.groupId());
            ps.setString(4, write(g.groupLabels()));
            ps.setString(5, write(g.members()));
            ps.setString(6, write(g.notified()));
            ps.setTimestamp(7, timestamp(g.flushAt()));
            ps.setTimestamp(8, timestamp(g.lastSentAt()));
            ps.setLong(9, g.sequence());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    public void update(Connection c, GroupState g, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE notification_groups SET members = ?::jsonb, notified = ?::jsonb, flush_at = ?, last_sent_at = ?,
                       sequence = ?, updated_at = ?
                WHERE receiver = ? AND group_key = ?""")) {
            ps.setString(1, write(g.members()));
            ps.setString(2, write(g.notified()));
            ps.setTimestamp(3, timestamp(g.flushAt()));
            ps.setTimestamp(4, timestamp(g.lastSentAt()));
            ps.setLong(5, g.sequence());
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, g.receiver());
            ps.setString(8, g.groupKey());
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, String receiver, String groupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM notification_groups WHERE receiver = ? AND group_key = ?")) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            ps.executeUpdate();
        }
    }

    /** Forgets every group of a receiver; returns how many. */
    public int deleteReceiver(Connection c, String receiver) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notification_groups WHERE receiver = ?")) {
            ps.setString(1, receiver);
            return ps.executeUpdate();
        }
    }

    private GroupState map(ResultSet rs) throws SQLException {
        Timestamp flushAt = rs.getTimestamp(7);
        Timestamp lastSentAt = rs.getTimestamp(8);
        return new GroupState(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), read(rs.getString(4), LABELS),
                read(rs.getString(5), MEMBERS), read(rs.getString(6), FINGERPRINTS),
                flushAt == null ? null : flushAt.toInstant(), lastSentAt == null ? null : lastSentAt.toInstant(),
                rs.getLong(9));
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification_groups holds JSON this service wrote", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("group state always serializes", e);
        }
    }
}
