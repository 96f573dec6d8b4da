package io.crowdpulse.alerting.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Rules added over REST, stored as their JSON definition. */
@ApplicationScoped
public class RuleRepository {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public RuleRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public List<Rule> all() throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT definition::text FROM rules ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rules.add(read(rs.getString(1)).toRule("api"));
            }
        }
        return rules;
    }

    /** Inserts the rule, or replaces it when {@code replace}; false when that is not possible. */
    public boolean save(Rule rule, boolean replace) throws SQLException {
        String sql = replace
                ? "UPDATE rules SET definition = ?::jsonb, enabled = ?, updated_at = now() WHERE name = ?"
                : "INSERT INTO rules (definition, enabled, name) VALUES (?::jsonb, ?, ?) ON CONFLICT (name) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, write(RuleDefinition.of(rule)));
            ps.setBoolean(2, rule.enabled());
            ps.setString(3, rule.name());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean delete(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM rules WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        }
    }

    private RuleDefinition read(String text) {
        try {
            return json.readValue(text, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule no longer reads: " + e.getOriginalMessage(), e);
        }
    }

    private String write(RuleDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule always serializes", e);
        }
    }
}
