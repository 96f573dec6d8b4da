package io.crowdpulse.alerting.notify.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.db.PagedQuery;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;

/**
 * The outbox table. Claims are atomic ({@code FOR UPDATE SKIP LOCKED}) and short: a claimed row is
 * marked {@code sending} and committed before anything is sent, so no lock is held across an HTTP call;
 * results are written back only by the holder of the claim token.
 */
@ApplicationScoped
public class OutboxRepository {

    private static final String COLUMNS = "id, receiver, group_key, dedupe_key, status, alert_count, state, attempts, "
            + "next_attempt_at, claimed_at, last_error, created_at, delivered_at";
    private static final String OPEN = "('pending', 'retrying', 'sending')";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public OutboxRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Enqueues a delivery, due at once, in the caller's transaction; false if its dedupe key is taken. */
    public boolean insert(Connection c, NewDelivery d, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_deliveries (id, receiver, group_key, dedupe_key, status, alert_count, payload,
                        state, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING""")) {
            ps.setObject(1, d.id());
            ps.setString(2, d.receiver());
            ps.setString(3, d.groupKey());
            ps.setString(4, d.dedupeKey());
            ps.setString(5, d.status());
            ps.setInt(6, d.alertCount());
            ps.setString(7, d.payload());
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setTimestamp(9, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Claims up to {@code limit} due deliveries: pending or retrying ones whose time has come, and ones left
     * {@code sending} since before {@code staleBefore} by a replica that died. A delivery waits while an
     * earlier one of its group is still open, so a group's notifications arrive in order.
     */
    public List<Claim> claim(Instant now, Instant staleBefore, int limit) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        if (limit <= 0) {
            return claims;
        }
        UUID token = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE notification_deliveries SET state = 'sending', attempts = attempts + 1, claimed_at = ?, claim_token = ?
                WHERE id IN (
                    SELECT d.id FROM notification_deliveries d
                    WHERE ((d.state IN ('pending', 'retrying') AND d.next_attempt_at <= ?)
                           OR (d.state = 'sending' AND d.claimed_at < ?))
                      AND NOT EXISTS (SELECT 1 FROM notification_deliveries e
                                      WHERE e.receiver = d.receiver AND e.group_key = d.group_key
                                        AND e.position < d.position AND e.state IN %s)
                    ORDER BY d.next_attempt_at, d.position
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, receiver, group_key, attempts, payload""".formatted(OPEN))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, token);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(staleBefore));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim(rs.getObject(1, UUID.class), token, rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return claims;
    }

    /** Records a successful send; false if the claim was lost meanwhile. */
    public boolean delivered(Claim claim, Instant now) throws SQLException {
        return finish(claim, "state = 'delivered', delivered_at = ?, claim_token = NULL", now);
    }

    /** Records a failed attempt to be tried again at {@code nextAttemptAt}; {@code counted} false gives the attempt back. */
    public boolean retryLater(Claim claim, String error, Instant nextAttemptAt, boolean counted) throws SQLException {
        return finish(claim, "state = 'retrying', next_attempt_at = ?, claim_token = NULL, last_error = ?"
                + (counted ? "" : ", attempts = attempts - 1"), nextAttemptAt, error);
    }

    /** Dead-letters a delivery: no more attempts until an operator retries it. */
    public boolean dead(Claim claim, String error) throws SQLException {
        return finish(claim, "state = 'dead', claim_token = NULL, last_error = ?", error);
    }

    private boolean finish(Claim claim, String set, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notification_deliveries SET " + set + " WHERE id = ? AND claim_token = ? AND state = 'sending'")) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value instanceof Instant at ? Timestamp.from(at) : value);
            }
            ps.setObject(i++, claim.id());
            ps.setObject(i, claim.token());
            return ps.executeUpdate() == 1;
        }
    }

    /** Puts a dead delivery back to pending with fresh attempts; false if there is no dead delivery of that id. */
    public boolean revive(UUID id, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE notification_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, claimed_at = NULL
                WHERE id = ? AND state = 'dead'""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Dead-letters the open deliveries of a receiver that was removed; returns how many. */
    public int abandon(String receiver, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notification_deliveries SET state = 'dead', claim_token = NULL, last_error = ?"
                        + " WHERE receiver = ? AND state IN ('pending', 'retrying')")) {
            ps.setString(1, reason);
            ps.setString(2, receiver);
            return ps.executeUpdate();
        }
    }

    /** Deletes delivered and dead deliveries created before {@code before}; returns how many. */
    public int purge(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM notification_deliveries WHERE state IN ('delivered', 'dead') AND created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    /** One delivery with its payload (the webhook v4 message it carries). */
    public Optional<Delivery> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", payload FROM notification_deliveries WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs).withPayload(tree(rs.getString("payload")))) : Optional.empty();
            }
        }
    }

    /** Deliveries created in [from, to), newest first, optionally in one state or to one receiver. */
    public Page<Delivery> find(Instant from, Instant to, String state, String receiver, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new PagedQuery()
                    .where("created_at >= ?", Timestamp.from(from))
                    .where("created_at < ?", Timestamp.from(to))
                    .where("state = ?", state)
                    .where("receiver = ?", receiver)
                    .run(c, COLUMNS, "notification_deliveries", "created_at DESC, position DESC", page,
                            OutboxRepository::map);
        }
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("receiver"), rs.getString("group_key"),
                rs.getString("dedupe_key"), rs.getString("status"), rs.getInt("alert_count"), rs.getString("state"),
                rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("claimed_at")),
                rs.getString("last_error"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("delivered_at")),
                null);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification_deliveries holds JSON this service wrote", e);
        }
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
