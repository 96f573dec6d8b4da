package io.crowdpulse.alerting.silences;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Silences in PostgreSQL; their matchers are one JSON object. */
@ApplicationScoped
public class SilenceRepository {

    private static final TypeReference<Map<String, Object>> MATCHERS = new TypeReference<>() { };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public SilenceRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void insert(Silence s) throws SQLException {
        Map<String, Object> matchers = new HashMap<>();
        matchers.put("rule", s.rule());
        matchers.put("severity", s.severity());
        matchers.put("metric", s.metric());
        matchers.put("target", s.target());
        matchers.put("labels", s.labels());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment) VALUES (?, ?::jsonb, ?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setString(2, json.writeValueAsString(matchers));
            ps.setTimestamp(3, Timestamp.from(s.startsAt()));
            ps.setTimestamp(4, Timestamp.from(s.endsAt()));
            ps.setString(5, s.createdBy());
            ps.setString(6, s.comment());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("matchers always serialize", e);
        }
    }

    /** Ends a silence now; false if there is no such silence still in force. */
    public boolean expire(UUID id, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE silences SET expired_at = ? WHERE id = ? AND expired_at IS NULL AND ends_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, id);
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** Silences not yet over at {@code now} (in force or still to start), or all of them. */
    public List<Silence> list(boolean onlyCurrent, Instant now) throws SQLException {
        String sql = "SELECT id, matchers::text, starts_at, ends_at, created_by, comment, expired_at FROM silences"
                + (onlyCurrent ? " WHERE expired_at IS NULL AND ends_at > ?" : "") + " ORDER BY starts_at DESC LIMIT 1000";
        List<Silence> silences = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (onlyCurrent) {
                ps.setTimestamp(1, Timestamp.from(now));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    silences.add(read(rs));
                }
            }
        }
        return silences;
    }

    @SuppressWarnings("unchecked")
    private Silence read(ResultSet rs) throws SQLException {
        try {
            Map<String, Object> m = json.readValue(rs.getString(2), MATCHERS);
            Timestamp expired = rs.getTimestamp(7);
            return new Silence(rs.getObject(1, UUID.class), (String) m.get("rule"), (String) m.get("severity"),
                    (String) m.get("metric"), (String) m.get("target"), (Map<String, String>) m.get("labels"),
                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                    expired == null ? null : expired.toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable silence matchers", e);
        }
    }
}
