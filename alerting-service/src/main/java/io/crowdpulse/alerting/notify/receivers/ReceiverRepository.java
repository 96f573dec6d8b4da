package io.crowdpulse.alerting.notify.receivers;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.alerts.Severity;

/** Receivers added over REST, in PostgreSQL so every replica and every restart sees them. */
@ApplicationScoped
public class ReceiverRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ReceiverRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public List<Receiver> all() throws SQLException {
        List<Receiver> receivers = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, type, url, severities, match, headers, send_resolved FROM notification_receivers ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String url = rs.getString(3);
                receivers.add(new Receiver(rs.getString(1), ReceiverType.valueOf(rs.getString(2)),
                        url == null ? null : URI.create(url), severities(rs.getString(4)), read(rs.getString(5), STRINGS),
                        read(rs.getString(6), STRINGS), rs.getBoolean(7), false));
            }
        }
        return receivers;
    }

    /** Adds a receiver; false if one of that name exists already. */
    public boolean insert(Receiver r) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_receivers (name, type, url, severities, match, headers, send_resolved)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?) ON CONFLICT (name) DO NOTHING""")) {
            ps.setString(1, r.name());
            ps.setString(2, r.type().name());
            ps.setString(3, r.url() == null ? null : r.url().toString());
            ps.setString(4, write(r.severities().stream().map(Severity::label).sorted().toList()));
            ps.setString(5, write(r.match()));
            ps.setString(6, write(r.headers()));
            ps.setBoolean(7, r.sendResolved());
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes a receiver within the caller's transaction; false if there was none of that name. */
    public boolean delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notification_receivers WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        }
    }

    private Set<Severity> severities(String text) {
        Set<Severity> set = EnumSet.noneOf(Severity.class);
        read(text, LIST).forEach(s -> set.add(Severity.of(s)));
        return set;
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification_receivers holds JSON this service wrote", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists and maps of strings always serialize", e);
        }
    }
}
