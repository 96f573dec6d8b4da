package io.crowdpulse.metrics.targets;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Targets added over REST, in PostgreSQL so every replica and every restart sees them. */
@ApplicationScoped
public class TargetRepository {

    private final DataSource dataSource;

    public TargetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Target> all() throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, url FROM targets ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                targets.add(new Target(rs.getString(1), URI.create(rs.getString(2)), false));
            }
        }
        return targets;
    }

    /** Adds a target; false if one of that name exists already. */
    public boolean insert(Target target) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO targets (name, url) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, target.name());
            ps.setString(2, target.url().toString());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean delete(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM targets WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        }
    }
}
