package io.crowdpulse.alerting.notify.receivers;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.quarkus.runtime.Startup;

/**
 * Every receiver: those configured by properties (checked at start: a bad one stops the service) and
 * those added over REST. The stored ones are re-read every few seconds, so a receiver added through
 * one replica reaches the others.
 */
@Startup
@ApplicationScoped
public class ReceiverRegistry {

    private static final Logger LOG = Logger.getLogger(ReceiverRegistry.class);
    private static final long REFRESH_MILLIS = 5_000;

    private final Map<String, Receiver> configured = new TreeMap<>();
    private final ReceiverRepository repository;
    private final DataSource dataSource;
    private final Event<ReceiverRemoved> removed;
    private final Clock clock;
    private volatile Map<String, Receiver> stored = Map.of();
    private volatile long refreshedAt = Long.MIN_VALUE;

    public ReceiverRegistry(ReceiversConfig config, ReceiverRepository repository, DataSource dataSource,
            Event<ReceiverRemoved> removed, Clock clock) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.removed = removed;
        this.clock = clock;
        config.all().forEach((name, c) -> {
            ReceiverSpec spec = new ReceiverSpec(name, c.type(), c.url().orElse(null), c.severities().orElse(List.of()),
                    c.match(), c.headers(), c.sendResolved());
            try {
                configured.put(name, spec.toReceiver(true));
            } catch (ReceiverSpec.Invalid e) {
                throw new IllegalStateException("crowdpulse.alerting.receivers." + name + "." + e.field() + " "
                        + e.getMessage());
            }
        });
    }

    /** Every receiver now, configured ones winning over stored ones of the same name. */
    public List<Receiver> all() {
        refreshIfDue();
        Map<String, Receiver> all = new TreeMap<>(stored);
        all.putAll(configured);
        return new ArrayList<>(all.values());
    }

    public Optional<Receiver> find(String name) {
        Receiver receiver = configured.get(name);
        if (receiver != null) {
            return Optional.of(receiver);
        }
        refreshIfDue();
        return Optional.ofNullable(stored.get(name));
    }

    public Receiver add(ReceiverSpec spec) {
        Receiver receiver;
        try {
            receiver = spec.toReceiver(false);
        } catch (ReceiverSpec.Invalid e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        if (configured.containsKey(receiver.name())) {
            throw conflict("Receiver '" + receiver.name() + "' is defined by configuration");
        }
        try {
            if (!repository.insert(receiver)) {
                throw conflict("Receiver '" + receiver.name() + "' exists already; delete it first to change it");
            }
        } catch (SQLException e) {
            throw unavailable();
        }
        refresh();
        return receiver;
    }

    public void remove(String name) {
        if (configured.containsKey(name)) {
            throw conflict("Receiver '" + name + "' is defined by configuration; remove it there");
        }
        try (Connection c = dataSource.getConnection()) {
            if (!repository.delete(c, name)) {
                throw ProblemException.notFound("No receiver named '" + name + "'");
            }
        } catch (SQLException e) {
            throw unavailable();
        }
        refresh();
        removed.fire(new ReceiverRemoved(name));
    }

    private void refreshIfDue() {
        if (clock.millis() - refreshedAt >= REFRESH_MILLIS) {
            refresh();
        }
    }

    private synchronized void refresh() {
        try {
            Map<String, Receiver> fresh = new TreeMap<>();
            repository.all().forEach(r -> fresh.put(r.name(), r));
            stored = fresh;
        } catch (SQLException e) {
            LOG.debugf("Keeping the known receivers; PostgreSQL is unreachable: %s", e.getMessage());
        }
        refreshedAt = clock.millis();
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Receivers are stored in PostgreSQL, which is unreachable now");
    }
}
