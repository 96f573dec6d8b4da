package io.crowdpulse.alerting.notify.grouping;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.notify.receivers.ReceiverRemoved;

/**
 * Records alert changes in their receivers' groups, each in a short transaction holding the group's
 * row lock, so concurrent changes from several replicas apply one after the other and none is lost.
 */
@ApplicationScoped
public class GroupStore {

    private static final Logger LOG = Logger.getLogger(GroupStore.class);
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final GroupRepository groups;
    private final Clock clock;

    public GroupStore(DataSource dataSource, GroupRepository groups, Clock clock) {
        this.dataSource = dataSource;
        this.groups = groups;
        this.clock = clock;
    }

    /** Admits a member's change into a receiver's group; returns when the group is due next, if it changed. */
    public Optional<Instant> admit(String receiver, GroupKey key, Member member, Timing timing) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    Instant now = clock.instant();
                    Optional<GroupState> current = groups.lock(c, receiver, key.value());
                    GroupState base = current.orElseGet(() -> GroupState.empty(receiver, key));
                    Optional<GroupState> next = Grouping.admit(base, member, timing, now);
                    if (next.isEmpty() || (current.isEmpty() && next.get().isEmpty())) {
                        c.commit();
                        return Optional.empty();
                    }
                    GroupState g = next.get();
                    if (current.isEmpty()) {
                        if (!groups.insert(c, g, now)) {
                            continue; // created meanwhile by another transaction: lock it and admit again
                        }
                    } else if (g.isEmpty()) {
                        groups.delete(c, receiver, key.value());
                    } else {
                        groups.update(c, g, now);
                    }
                    c.commit();
                    return Optional.ofNullable(g.flushAt());
                }
                throw new SQLException("group " + key.value() + " of " + receiver + " kept changing under the admission");
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    void onReceiverRemoved(@Observes ReceiverRemoved event) {
        try (Connection c = dataSource.getConnection()) {
            groups.deleteReceiver(c, event.name());
        } catch (SQLException e) {
            // Groups of unknown receivers are dropped when they next come due.
            LOG.warnf("Could not drop the groups of removed receiver %s: %s", event.name(), e.getMessage());
        }
    }
}
