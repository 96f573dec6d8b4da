package io.crowdpulse.alerting.rules;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.config.AlertingConfig;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;

/**
 * All rules: the default set from configuration (fixed here; its thresholds are properties) and the ones
 * operators add over REST (in PostgreSQL, re-read every few seconds so every replica sees them).
 */
@ApplicationScoped
public class RuleService {

    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final Map<String, Rule> configured = new LinkedHashMap<>();
    private final RuleRepository repository;
    private final AtomicLong version = new AtomicLong();
    private volatile List<Rule> stored = List.of();

    public RuleService(AlertingConfig config, RuleRepository repository) {
        this.repository = repository;
        DefaultRules.from(config.defaults()).forEach(r -> configured.put(r.name(), r));
        refresh();
    }

    /** Every rule, the configured ones first. */
    public List<Rule> all() {
        List<Rule> all = new ArrayList<>(configured.values());
        all.addAll(stored);
        return all;
    }

    /** Grows whenever the rules change, so evaluation knows to reload them. */
    public long version() {
        return version.get();
    }

    public Optional<Rule> find(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Rule create(RuleDefinition definition) {
        Rule rule = definition.toRule("api");
        refuseConfigured(rule.name());
        try {
            if (!repository.save(rule, false)) {
                throw conflict("A rule named '" + rule.name() + "' exists already; PUT /api/v1/rules/" + rule.name()
                        + " changes it");
            }
        } catch (SQLException e) {
            throw unavailable();
        }
        refresh();
        return rule;
    }

    public Rule replace(String name, RuleDefinition definition) {
        if (!name.equals(definition.name())) {
            throw ProblemException.badRequest("name", "must be the rule's name in the path ('" + name + "')");
        }
        refuseConfigured(name);
        Rule rule = definition.toRule("api");
        try {
            if (!repository.save(rule, true)) {
                throw ProblemException.notFound("No rule named '" + name + "'");
            }
        } catch (SQLException e) {
            throw unavailable();
        }
        refresh();
        return rule;
    }

    public void delete(String name) {
        refuseConfigured(name);
        try {
            if (!repository.delete(name)) {
                throw ProblemException.notFound("No rule named '" + name + "'");
            }
        } catch (SQLException e) {
            throw unavailable();
        }
        refresh();
    }

    /** Re-reads the stored rules; serialized, so a slower, older read never overwrites a newer one. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            List<Rule> fresh = repository.all();
            if (!fresh.equals(stored)) {
                stored = fresh;
                version.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Keeping the known rules; reading them failed: %s", e.getMessage());
        }
    }

    private void refuseConfigured(String name) {
        if (configured.containsKey(name)) {
            throw conflict("Rule '" + name + "' is a default rule from configuration; change its threshold with the "
                    + "crowdpulse.alerting.defaults.* properties (Helm values), or disable them all there");
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Rules are stored in PostgreSQL, which is unreachable now");
    }
}
