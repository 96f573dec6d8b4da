package io.crowdpulse.optimizer.actions;

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
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;

/** Actions, their timelines and the outcomes learned from them, in PostgreSQL. */
@ApplicationScoped
public class ActionRepository {

    private static final TypeReference<Map<String, Double>> CHANGES = new TypeReference<>() { };
    private static final String COLUMNS = "id, recommendation_id, origin, strategy, target, knob, from_value, to_value, "
            + "expected_impact, confidence, measured_impact, state, actor, rationale, error, summary, before_figures::text, "
            + "after_figures::text, changes::text, created_at, applied_at, verify_at, finished_at, updated_at";

    /** One entry of an action's timeline. */
    public record TimelineEntry(Instant at, String state, String detail) {
    }

    /** One stored outcome, replayed into the learner at start. */
    public record Outcome(UUID actionId, String strategy, String target, double expectedImpact, double measuredImpact,
            String verdict, Instant at) {
    }

    /** What to list; null fields do not filter. */
    public record Filter(String target, String strategy, String knob, ActionState state, String origin, Instant from,
            Instant to) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ActionRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Stores a new action with its first timeline entry. A second pending action for the same target breaks
     * the unique index: {@link PendingConflict}.
     */
    public void insert(Action a, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO actions (" + COLUMNS.replace("::text", "")
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)")) {
                bind(ps, a);
                ps.executeUpdate();
                event(c, a, detail);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new PendingConflict(a.target());
                }
                throw e;
            }
        }
    }

    /** Thrown when a target already has a change in flight. */
    public static final class PendingConflict extends SQLException {
        public PendingConflict(String target) {
            super(target + " has a change in flight", "23505");
        }
    }

    /**
     * Stores {@code a} if the stored action is still in state {@code expected} (so two replicas or an operator
     * and the verifier never both move it), with a timeline entry; false when it had moved already.
     */
    public boolean update(Action a, ActionState expected, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE actions SET measured_impact = ?, state = ?, error = ?, summary = ?, before_figures = ?::jsonb,
                        after_figures = ?::jsonb, changes = ?::jsonb, applied_at = ?, verify_at = ?, finished_at = ?,
                        updated_at = ?
                    WHERE id = ? AND state = ?""")) {
                ps.setObject(1, a.measuredImpact());
                ps.setString(2, a.state().label());
                ps.setString(3, a.error());
                ps.setString(4, a.summary());
                ps.setString(5, write(a.before()));
                ps.setString(6, write(a.after()));
                ps.setString(7, write(a.changes()));
                ps.setTimestamp(8, timestamp(a.appliedAt()));
                ps.setTimestamp(9, timestamp(a.verifyAt()));
                ps.setTimestamp(10, timestamp(a.finishedAt()));
                ps.setTimestamp(11, Timestamp.from(a.updatedAt()));
                ps.setObject(12, a.id());
                ps.setString(13, expected.label());
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                event(c, a, detail);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void event(Connection c, Action a, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO action_events (action_id, at, state, detail) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, a.id());
            ps.setTimestamp(2, Timestamp.from(a.updatedAt()));
            ps.setString(3, a.state().label());
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    public Optional<Action> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM actions WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<TimelineEntry> timeline(UUID id) throws SQLException {
        List<TimelineEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT at, state, detail FROM action_events WHERE action_id = ? ORDER BY at, state")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return entries;
    }

    public Page<Action> search(Filter f, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new PagedQuery()
                    .where("target = ?", f.target())
                    .where("strategy = ?", f.strategy())
                    .where("knob = ?", f.knob())
                    .where("state = ?", f.state() == null ? null : f.state().label())
                    .where("origin = ?", f.origin())
                    .where("created_at >= ?", f.from() == null ? null : Timestamp.from(f.from()))
                    .where("created_at < ?", f.to() == null ? null : Timestamp.from(f.to()))
                    .run(c, COLUMNS, "actions", "created_at DESC, id", page, this::read);
        }
    }

    /** Applied actions whose verification window has ended by {@code now}, oldest first. */
    public List<Action> due(Instant now) throws SQLException {
        return list("SELECT " + COLUMNS + " FROM actions WHERE state = 'applied' AND verify_at <= ? ORDER BY verify_at LIMIT 100",
                Timestamp.from(now));
    }

    /** Actions left {@code applying} since before {@code before} (their replica died mid-change). */
    public List<Action> interrupted(Instant before) throws SQLException {
        return list("SELECT " + COLUMNS + " FROM actions WHERE state = 'applying' AND updated_at < ?", Timestamp.from(before));
    }

    /** Changes made since {@code since}, and any still in flight, for the change gate. */
    public List<ChangeGate.Change> recent(Instant since) throws SQLException {
        List<ChangeGate.Change> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT target, knob, created_at, state FROM actions WHERE created_at >= ? OR state IN ('applying', 'applied')")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(new ChangeGate.Change(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            ActionState.of(rs.getString(4))));
                }
            }
        }
        return changes;
    }

    /** The change in flight on {@code target}, if any. */
    public Optional<Action> pending(String target) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM actions WHERE target = ? AND state IN ('applying', 'applied')")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public void storeOutcome(Outcome o) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outcomes (action_id, strategy, target, expected_impact, measured_impact, verdict, at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING""")) {
            ps.setObject(1, o.actionId());
            ps.setString(2, o.strategy());
            ps.setString(3, o.target());
            ps.setDouble(4, o.expectedImpact());
            ps.setDouble(5, o.measuredImpact());
            ps.setString(6, o.verdict());
            ps.setTimestamp(7, Timestamp.from(o.at()));
            ps.executeUpdate();
        }
    }

    /** The most recent outcomes on {@code targets}, oldest first (the learner replays them in order). */
    public List<Outcome> outcomes(java.util.Collection<String> targets, int limit) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT * FROM (SELECT action_id, strategy, target, expected_impact, measured_impact, verdict, at
                FROM outcomes WHERE target = ANY (?) ORDER BY at DESC LIMIT ?) o ORDER BY at""")) {
            ps.setArray(1, c.createArrayOf("varchar", targets.toArray()));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(new Outcome(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return outcomes;
    }

    private List<Action> list(String sql, Object arg) throws SQLException {
        List<Action> actions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(read(rs));
                }
            }
        }
        return actions;
    }

    private void bind(PreparedStatement ps, Action a) throws SQLException {
        ps.setObject(1, a.id());
        ps.setObject(2, a.recommendationId());
        ps.setString(3, a.origin());
        ps.setString(4, a.strategy());
        ps.setString(5, a.target());
        ps.setString(6, a.knob());
        ps.setDouble(7, a.from());
        ps.setDouble(8, a.to());
        ps.setDouble(9, a.expectedImpact());
        ps.setDouble(10, a.confidence());
        ps.setObject(11, a.measuredImpact());
        ps.setString(12, a.state().label());
        ps.setString(13, a.actor());
        ps.setString(14, a.rationale());
        ps.setString(15, a.error());
        ps.setString(16, a.summary());
        ps.setString(17, write(a.before()));
        ps.setString(18, write(a.after()));
        ps.setString(19, write(a.changes()));
        ps.setTimestamp(20, Timestamp.from(a.createdAt()));
        ps.setTimestamp(21, timestamp(a.appliedAt()));
        ps.setTimestamp(22, timestamp(a.verifyAt()));
        ps.setTimestamp(23, timestamp(a.finishedAt()));
        ps.setTimestamp(24, Timestamp.from(a.updatedAt()));
    }

    private Action read(ResultSet rs) throws SQLException {
        return new Action(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                (Double) rs.getObject(11), ActionState.of(rs.getString(12)), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16), readFigures(rs.getString(17)), readFigures(rs.getString(18)),
                readChanges(rs.getString(19)), instant(rs, 20), instant(rs, 21), instant(rs, 22), instant(rs, 23),
                instant(rs, 24));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("figures always serialize", e);
        }
    }

    private Figures readFigures(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Figures.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Map<String, Double> readChanges(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, CHANGES);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
