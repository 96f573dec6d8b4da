package io.crowdpulse.metrics.targets;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.metrics.config.MetricsConfig;

/**
 * All scrape targets: those configured by properties and those added over REST. The stored ones are
 * re-read every few seconds, so a target added through one replica reaches the others.
 */
@ApplicationScoped
public class TargetRegistry {

    private static final Logger LOG = Logger.getLogger(TargetRegistry.class);
    private static final long REFRESH_MILLIS = 5_000;

    private final Map<String, Target> configured = new TreeMap<>();
    private final TargetRepository repository;
    private final Clock clock;
    private volatile Map<String, Target> stored = Map.of();
    private final Map<String, TargetStatus> status = new ConcurrentHashMap<>();
    private volatile long refreshedAt;

    public TargetRegistry(MetricsConfig config, TargetRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        config.targets().forEach((name, url) -> configured.put(name, new Target(name, URI.create(url), true)));
    }

    /** Every target now, configured first; stored ones as of the last refresh. */
    public List<Target> all() {
        refreshIfDue();
        Map<String, Target> all = new TreeMap<>(stored);
        all.putAll(configured);
        return new ArrayList<>(all.values());
    }

    public Optional<Target> find(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Target add(String name, URI url) {
        if (configured.containsKey(name)) {
            throw conflict("Target '" + name + "' is defined by configuration");
        }
        try {
            Target target = new Target(name, url, false);
            if (!repository.insert(target)) {
                throw conflict("Target '" + name + "' exists already; delete it first to change its URL");
            }
            refresh();
            return target;
        } catch (SQLException e) {
            throw ProblemException.unavailable("Targets are stored in PostgreSQL, which is unreachable now");
        }
    }

    public void remove(String name) {
        if (configured.containsKey(name)) {
            throw conflict("Target '" + name + "' is defined by configuration; remove it there");
        }
        try {
            if (!repository.delete(name)) {
                throw ProblemException.notFound("No target named '" + name + "'");
            }
            refresh();
            status.remove(name);
        } catch (SQLException e) {
            throw ProblemException.unavailable("Targets are stored in PostgreSQL, which is unreachable now");
        }
    }

    public void report(TargetStatus targetStatus) {
        status.put(targetStatus.name(), targetStatus);
    }

    public Optional<TargetStatus> status(String name) {
        return Optional.ofNullable(status.get(name));
    }

    public Collection<TargetStatus> statuses() {
        return status.values();
    }

    private void refreshIfDue() {
        if (clock.millis() - refreshedAt >= REFRESH_MILLIS) {
            refresh();
        }
    }

    private synchronized void refresh() {
        try {
            Map<String, Target> fresh = new TreeMap<>();
            repository.all().forEach(t -> fresh.put(t.name(), t));
            stored = fresh;
        } catch (SQLException e) {
            LOG.debugf("Keeping the known targets; PostgreSQL is unreachable: %s", e.getMessage());
        }
        refreshedAt = clock.millis();
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }
}
