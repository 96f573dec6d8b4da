package io.crowdpulse.alerting.alerts;

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

import io.crowdpulse.alerting.evaluation.AlertChange;
import io.crowdpulse.common.db.MonthlyPartitions;
import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;

/** Alerts and their timelines in PostgreSQL. */
@ApplicationScoped
public class AlertRepository {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final String COLUMNS = "id, fingerprint, rule, severity, state, metric, target, labels::text, value, "
            + "threshold, summary, description, starts_at, firing_at, ends_at, updated_at, acknowledged_by, "
            + "acknowledged_at, resolved_by, note, silenced, inhibited, flapping";
    private static final String UPSERT = """
            INSERT INTO alerts (id, fingerprint, rule, severity, state, metric, target, labels, value, threshold, summary,
                description, starts_at, firing_at, ends_at, updated_at, acknowledged_by, acknowledged_at, resolved_by, note,
                silenced, inhibited, flapping)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, value = EXCLUDED.value,
                firing_at = EXCLUDED.firing_at, ends_at = EXCLUDED.ends_at, updated_at = EXCLUDED.updated_at,
                acknowledged_by = EXCLUDED.acknowledged_by, acknowledged_at = EXCLUDED.acknowledged_at,
                resolved_by = EXCLUDED.resolved_by, note = EXCLUDED.note, silenced = EXCLUDED.silenced,
                inhibited = EXCLUDED.inhibited, flapping = EXCLUDED.flapping""";
    private static final String EVENT = """
            INSERT INTO alert_events (alert_id, at, state, value, actor, note) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final MonthlyPartitions events;

    public AlertRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
        this.events = new MonthlyPartitions(dataSource, "alert_events");
    }

    public MonthlyPartitions eventPartitions() {
        return events;
    }

    /** Stores a batch of changes in one transaction: the alerts as they are now, and a timeline entry per event. */
    public void store(List<AlertChange> changes) throws SQLException {
        for (AlertChange c : changes) {
            if (c.isEvent()) {
                events.ensure(c.alert().updatedAt());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement(UPSERT); PreparedStatement event = c.prepareStatement(EVENT)) {
                for (AlertChange change : changes) {
                    bind(upsert, change.alert());
                    upsert.addBatch();
                    if (change.isEvent()) {
                        Alert a = change.alert();
                        event.setObject(1, a.id());
                        event.setTimestamp(2, Timestamp.from(a.updatedAt()));
                        event.setString(3, change.kind() == AlertChange.Kind.ACKNOWLEDGED ? "ACKNOWLEDGED" : a.state().name());
                        event.setDouble(4, a.value());
                        event.setString(5, change.actor());
                        event.setString(6, change.note());
                        event.addBatch();
                    }
                }
                upsert.executeBatch();
                event.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Alert> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Alert> active() throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE state <> 'RESOLVED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                alerts.add(read(rs));
            }
        }
        return alerts;
    }

    public Page<Alert> search(AlertFilter f, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PagedQuery query = new PagedQuery()
                    .where("state = ?", f.state() == null ? null : f.state().name())
                    .where("severity = ?", f.severity() == null ? null : f.severity().name())
                    .where("rule = ?", f.rule())
                    .where("metric = ?", f.metric())
                    .where("target = ?", f.target())
                    .where("starts_at >= ?", f.from() == null ? null : Timestamp.from(f.from()))
                    .where("starts_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
            if (f.labelName() != null) {
                query.where("labels @> ?::jsonb", write(Map.of(f.labelName(), f.labelValue())));
            }
            return query.run(c, COLUMNS, "alerts", "starts_at DESC, id", page, this::read);
        }
    }

    /** The state changes of one alert, oldest first. */
    public List<TimelineEntry> timeline(UUID id) throws SQLException {
        List<TimelineEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT at, state, value, actor, note FROM alert_events WHERE alert_id = ? ORDER BY at, state")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2).toLowerCase(),
                            rs.getDouble(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return entries;
    }

    private void bind(PreparedStatement ps, Alert a) throws SQLException {
        ps.setObject(1, a.id());
        ps.setString(2, a.fingerprint());
        ps.setString(3, a.rule());
        ps.setString(4, a.severity().name());
        ps.setString(5, a.state().name());
        ps.setString(6, a.metric());
        ps.setString(7, a.target());
        ps.setString(8, write(a.labels()));
        ps.setDouble(9, a.value());
        ps.setObject(10, a.threshold());
        ps.setString(11, a.summary());
        ps.setString(12, a.description());
        ps.setTimestamp(13, Timestamp.from(a.startsAt()));
        ps.setTimestamp(14, timestamp(a.firingAt()));
        ps.setTimestamp(15, timestamp(a.endsAt()));
        ps.setTimestamp(16, Timestamp.from(a.updatedAt()));
        ps.setString(17, a.acknowledgedBy());
        ps.setTimestamp(18, timestamp(a.acknowledgedAt()));
        ps.setString(19, a.resolvedBy());
        ps.setString(20, a.note());
        ps.setBoolean(21, a.silenced());
        ps.setBoolean(22, a.inhibited());
        ps.setBoolean(23, a.flapping());
    }

    private Alert read(ResultSet rs) throws SQLException {
        return new Alert(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Severity.valueOf(rs.getString(4)),
                AlertState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), readLabels(rs.getString(8)),
                rs.getDouble(9), (Double) rs.getObject(10), rs.getString(11), rs.getString(12), instant(rs, 13),
                instant(rs, 14), instant(rs, 15), instant(rs, 16), rs.getString(17), instant(rs, 18), rs.getString(19),
                rs.getString(20), rs.getBoolean(21), rs.getBoolean(22), rs.getBoolean(23));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private String write(Map<String, String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels always serialize", e);
        }
    }

    private Map<String, String> readLabels(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** One entry of an alert's timeline. */
    public record TimelineEntry(Instant at, String state, double value, String actor, String note) {
    }

    /** What to list; null fields do not filter. */
    public record AlertFilter(AlertState state, Severity severity, String rule, String metric, String target,
            String labelName, String labelValue, Instant from, Instant to) {
    }
}
