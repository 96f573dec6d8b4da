package io.crowdpulse.optimizer.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.EventsConfig;

/**
 * The runtime settings in PostgreSQL, one row per optimizer deployment (event namespace and key prefix), so a restart
 * and every replica see the settings an operator last put.
 */
@ApplicationScoped
public class SettingsRepository {

    /** The stored form: durations in milliseconds. */
    record Stored(String mode, long evaluationIntervalMs, long verificationWindowMs, double rollbackThreshold,
            long cooldownMs, int budgetPerHour, boolean dryRun) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String key;

    public SettingsRepository(DataSource dataSource, ObjectMapper json, EventsConfig events, OptimizerConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.key = events.namespace() + ":" + config.keyPrefix();
    }

    public Optional<Settings> load() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT body::text FROM settings WHERE namespace = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Stored s = json.readValue(rs.getString(1), Stored.class);
                return Optional.of(new Settings(Mode.of(s.mode()), Duration.ofMillis(s.evaluationIntervalMs()),
                        Duration.ofMillis(s.verificationWindowMs()), s.rollbackThreshold(), Duration.ofMillis(s.cooldownMs()),
                        s.budgetPerHour(), s.dryRun()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return Optional.empty(); // an unreadable row: the configured settings apply
            }
        }
    }

    public void save(Settings s, String actor) throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(new Stored(s.mode().label(), s.evaluationInterval().toMillis(),
                    s.verificationWindow().toMillis(), s.rollbackThreshold(), s.cooldown().toMillis(), s.budgetPerHour(),
                    s.dryRun()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings always serialize", e);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO settings (namespace, body, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
                ON CONFLICT (namespace) DO UPDATE SET body = EXCLUDED.body, updated_at = now(), updated_by = EXCLUDED.updated_by""")) {
            ps.setString(1, key);
            ps.setString(2, body);
            ps.setString(3, actor);
            ps.executeUpdate();
        }
    }
}
