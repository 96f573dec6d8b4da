package io.crowdpulse.optimizer.recommendations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.optimizer.learning.Estimate;
import io.crowdpulse.optimizer.strategy.Proposal;

/** Recommendations in PostgreSQL: at most one open per target, knob and strategy (a partial unique index). */
@ApplicationScoped
public class RecommendationRepository {

    private static final String COLUMNS = "id, target, knob, strategy, from_value, to_value, expected_impact, confidence, "
            + "model_impact, model_confidence, outcomes, risk, priority, rationale, status, action_id, created_at, "
            + "updated_at, closed_by";

    /** What to list; null fields do not filter. */
    public record Filter(String target, String strategy, String knob, RecommendationStatus status) {
    }

    private final DataSource dataSource;

    public RecommendationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens a recommendation for the proposal, or refreshes the open one of the same target, knob and strategy. */
    public Recommendation upsertOpen(Proposal p, Estimate estimate, String rationale, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO recommendations (id, target, knob, strategy, from_value, to_value, expected_impact, confidence,
                    model_impact, model_confidence, outcomes, risk, priority, rationale, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
                ON CONFLICT (target, knob, strategy) WHERE status = 'open' DO UPDATE SET
                    from_value = EXCLUDED.from_value, to_value = EXCLUDED.to_value,
                    expected_impact = EXCLUDED.expected_impact, confidence = EXCLUDED.confidence,
                    model_impact = EXCLUDED.model_impact, model_confidence = EXCLUDED.model_confidence,
                    outcomes = EXCLUDED.outcomes, risk = EXCLUDED.risk, priority = EXCLUDED.priority,
                    rationale = EXCLUDED.rationale, updated_at = EXCLUDED.updated_at
                RETURNING\s""" + COLUMNS)) {
            Timestamp at = Timestamp.from(now);
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, p.target());
            ps.setString(3, p.knob());
            ps.setString(4, p.strategy());
            ps.setDouble(5, p.from());
            ps.setDouble(6, p.to());
            ps.setDouble(7, estimate.expectedImpact());
            ps.setDouble(8, estimate.confidence());
            ps.setDouble(9, p.expectedImpact());
            ps.setDouble(10, p.confidence());
            ps.setInt(11, estimate.outcomes());
            ps.setString(12, p.risk().name().toLowerCase());
            ps.setInt(13, p.priority());
            ps.setString(14, rationale);
            ps.setTimestamp(15, at);
            ps.setTimestamp(16, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    /** Expires the open recommendations of {@code target} no strategy has refreshed since {@code before}. */
    public int expire(String target, Instant before, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE recommendations SET status = 'expired', updated_at = ? WHERE target = ? AND status = 'open' AND updated_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, target);
            ps.setTimestamp(3, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    /** Closes an open recommendation (applied or dismissed); false when it was not open any more. */
    public boolean close(UUID id, RecommendationStatus status, UUID actionId, String actor, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE recommendations SET status = ?, action_id = ?, closed_by = ?, updated_at = ? WHERE id = ? AND status = 'open'")) {
            ps.setString(1, status.label());
            ps.setObject(2, actionId);
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setObject(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Recommendation> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM recommendations WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Page<Recommendation> search(Filter f, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new PagedQuery()
                    .where("target = ?", f.target())
                    .where("strategy = ?", f.strategy())
                    .where("knob = ?", f.knob())
                    .where("status = ?", f.status() == null ? null : f.status().label())
                    .run(c, COLUMNS, "recommendations", "updated_at DESC, id", page, RecommendationRepository::read);
        }
    }

    private static Recommendation read(ResultSet rs) throws SQLException {
        return new Recommendation(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                rs.getInt(11), rs.getString(12), rs.getInt(13), rs.getString(14),
                RecommendationStatus.of(rs.getString(15)), rs.getObject(16, UUID.class), rs.getTimestamp(17).toInstant(),
                rs.getTimestamp(18).toInstant(), rs.getString(19));
    }
}
