package io.crowdpulse.optimizer.actions;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.optimizer.actions.ActionRepository.Filter;
import io.crowdpulse.optimizer.actions.ActionRepository.Outcome;
import io.crowdpulse.optimizer.actions.ActionRepository.TimelineEntry;
import io.crowdpulse.optimizer.actuate.ActuationException;
import io.crowdpulse.optimizer.actuate.Actuators;
import io.crowdpulse.optimizer.config.Meters;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.config.Settings;
import io.crowdpulse.optimizer.brain.Brain;
import io.crowdpulse.optimizer.observe.KeyFigures;
import io.crowdpulse.optimizer.observe.Observations;
import io.crowdpulse.optimizer.verify.VerificationResult;
import io.crowdpulse.optimizer.verify.Verifier;
import io.crowdpulse.optimizer.verify.WindowFigures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Applies changes, verifies them when their window ends and rolls back what made things worse, storing
 * every state change (with a timeline entry) before publishing it, and teaching the impact learner from
 * every verdict. Transitions are conditional on the stored state, so the verifier on the leader and an
 * operator's rollback on any replica never both win.
 */
@ApplicationScoped
public class ActionService {

    private static final Logger LOG = Logger.getLogger(ActionService.class);
    /** An action left {@code applying} longer than this belonged to a replica that died mid-change. */
    private static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(1);
    private static final int OUTCOMES_REPLAYED = 10_000;

    /** A change to make: from a recommendation (auto or by hand) or asked for directly by an operator. */
    public record ChangeRequest(UUID recommendationId, String origin, String strategy, String target, String knob,
            double from, double to, double expectedImpact, double confidence, String rationale, String actor) {
    }

    private final ActionRepository repository;
    private final ActionPublisher publisher;
    private final Actuators actuators;
    private final Observations observations;
    private final RuntimeSettings settings;
    private final Brain brain;
    private final Clock clock;
    private final MeterRegistry meters;
    private final OptimizerConfig config;

    public ActionService(ActionRepository repository, ActionPublisher publisher, Actuators actuators,
            Observations observations, RuntimeSettings settings, Brain brain, Clock clock, MeterRegistry meters,
            OptimizerConfig config) {
        this.config = config;
        this.repository = repository;
        this.publisher = publisher;
        this.actuators = actuators;
        this.observations = observations;
        this.settings = settings;
        this.brain = brain;
        this.clock = clock;
        this.meters = meters;
    }

    /** Teaches the learner every stored outcome, oldest first, so a restart keeps what was learned. */
    void replayOutcomes(@Observes StartupEvent event) {
        try {
            // Only this deployment's targets: what was measured on others is not this installation's history.
            List<Outcome> outcomes = repository.outcomes(config.targets().keySet(), OUTCOMES_REPLAYED);
            outcomes.forEach(o -> brain.learner().record(o.strategy(), o.target(), o.expectedImpact(), o.measuredImpact()));
            LOG.infof("Impact learner replayed %d stored outcomes", outcomes.size());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not replay stored outcomes; learning from scratch: %s", e.getMessage());
        }
    }

    /**
     * Makes a change now (or, with dry-run on, records what it would change). The key figures of the window
     * before are kept for the verdict. 409 when the target already has a change in flight.
     */
    public Action apply(ChangeRequest r) {
        Settings s = settings.current();
        Instant now = clock.instant();
        Figures before = Figures.of(KeyFigures.of(observations.figures(r.target(), now.minus(s.verificationWindow()), now)));
        ActionState initial = s.dryRun() ? ActionState.DRY_RUN : ActionState.APPLYING;
        Action a = new Action(UUID.randomUUID(), r.recommendationId(), r.origin(), r.strategy(), r.target(), r.knob(),
                r.from(), r.to(), r.expectedImpact(), r.confidence(), null, initial, r.actor(), r.rationale(), null,
                s.dryRun() ? "dry run: nothing was changed" : null, before, null, Map.of(), now, null, null,
                s.dryRun() ? now : null, now);
        String change = r.knob() + " of " + r.target() + " from " + number(r.from()) + " to " + number(r.to());
        try {
            repository.insert(a, (s.dryRun() ? "dry run: would set " : "setting ") + change);
        } catch (ActionRepository.PendingConflict e) {
            throw conflict(r.target() + " has a change in flight; wait for its verification or roll it back");
        } catch (SQLException e) {
            throw unavailable();
        }
        if (s.dryRun()) {
            LOG.infof("Dry run: would set %s (%s)", change, r.strategy());
            return a;
        }
        Action next;
        String detail;
        try {
            actuators.apply(r.target(), r.knob(), r.to());
            Instant at = clock.instant();
            next = a.moved(ActionState.APPLIED, at).applied(at, at.plus(s.verificationWindow()), before);
            detail = "set " + change + "; verifying until " + next.verifyAt();
            LOG.infof("Applied %s (%s, by %s)", change, r.strategy(), r.actor());
        } catch (ActuationException e) {
            Instant at = clock.instant();
            next = a.moved(ActionState.FAILED, at).withError(e.getMessage()).finished(at);
            detail = "failed: " + e.getMessage();
            LOG.warnf("Could not set %s: %s", change, e.getMessage());
        }
        store(next, ActionState.APPLYING, detail);
        count(next);
        return next;
    }

    /** Judges every applied action whose verification window has ended; answers the actions it moved. */
    public List<Action> verifyDue() {
        List<Action> due;
        try {
            due = repository.due(clock.instant());
        } catch (SQLException e) {
            LOG.debugf("Cannot read the actions due for verification: %s", e.getMessage());
            return List.of();
        }
        List<Action> moved = new ArrayList<>();
        for (Action a : due) {
            try {
                verify(a).ifPresent(moved::add);
            } catch (RuntimeException e) {
                LOG.warnf("Verifying action %s failed, trying again next tick: %s", a.id(), e.getMessage());
            }
        }
        return moved;
    }

    private Optional<Action> verify(Action a) {
        WindowFigures after = KeyFigures.of(observations.figures(a.target(), a.appliedAt(), a.verifyAt()));
        WindowFigures before = a.before() == null ? null : a.before().window();
        Instant now = clock.instant();
        if (before == null || before.samples() == 0 || after.samples() == 0) {
            Action next = a.moved(ActionState.VERIFIED, now)
                    .judged(null, Figures.of(after), Map.of(), "kept: not enough figures before and after the change to judge it")
                    .finished(now);
            return store(next, ActionState.APPLIED, next.summary()) ? Optional.of(next) : Optional.empty();
        }
        VerificationResult result = new Verifier(settings.current().rollbackThreshold()).verify(before, after);
        Double measured = Figures.orNull(result.measuredImpact());
        Map<String, Double> changes = finite(result.changes());
        Action next;
        String detail;
        if (result.degraded()) {
            try {
                actuators.apply(a.target(), a.knob(), a.from());
                next = a.moved(ActionState.ROLLED_BACK, now).judged(measured, Figures.of(after), changes, result.summary()).finished(now);
                detail = "rolled back to " + number(a.from()) + ": " + result.summary();
                LOG.infof("Rolled back %s of %s to %s: %s", a.knob(), a.target(), number(a.from()), result.summary());
            } catch (ActuationException e) {
                next = a.moved(ActionState.FAILED, now).judged(measured, Figures.of(after), changes, result.summary())
                        .withError("rollback failed: " + e.getMessage()).finished(now);
                detail = "degraded, and the rollback failed: " + e.getMessage();
                LOG.warnf("Could not roll back %s of %s: %s", a.knob(), a.target(), e.getMessage());
            }
        } else {
            next = a.moved(ActionState.VERIFIED, now).judged(measured, Figures.of(after), changes, result.summary()).finished(now);
            detail = "verified: " + result.summary();
            LOG.infof("Verified %s of %s: %s", a.knob(), a.target(), result.summary());
        }
        if (!store(next, ActionState.APPLIED, detail)) {
            return Optional.empty();
        }
        count(next);
        if (measured != null && !Action.OPERATOR.equals(a.strategy())) {
            learn(next, measured);
        }
        return Optional.of(next);
    }

    private void learn(Action a, double measured) {
        brain.learner().record(a.strategy(), a.target(), a.expectedImpact(), measured);
        try {
            repository.storeOutcome(new Outcome(a.id(), a.strategy(), a.target(), a.expectedImpact(), measured,
                    a.state().label(), a.updatedAt()));
        } catch (SQLException e) {
            LOG.warnf("Could not store the outcome of %s (learned in memory only): %s", a.id(), e.getMessage());
        }
    }

    /** Sets the knob back to its value before the action, by hand. 409 when the change is not in force. */
    public Action rollback(UUID id, String actor) {
        Action a = find(id).orElseThrow(() -> ProblemException.notFound("No action " + id));
        if (!a.state().rollbackable()) {
            throw conflict("Action " + id + " is " + a.state().label() + "; only applied or verified actions can be rolled back");
        }
        try {
            actuators.apply(a.target(), a.knob(), a.from());
        } catch (ActuationException e) {
            throw new ProblemException(Problem.of(502, "actuator-failed", "Bad gateway",
                    "Could not set " + a.knob() + " of " + a.target() + " back to " + number(a.from()) + ": " + e.getMessage()));
        }
        Instant now = clock.instant();
        Action next = a.moved(ActionState.ROLLED_BACK, now).judged(a.measuredImpact(), a.after(), a.changes(),
                a.summary() == null ? "rolled back by " + actor : a.summary() + "; rolled back by " + actor).finished(now);
        if (!store(next, a.state(), "rolled back by " + actor + " to " + number(a.from()))) {
            throw conflict("Action " + id + " changed state meanwhile; read it again");
        }
        count(next);
        LOG.infof("%s rolled back %s of %s to %s", actor, a.knob(), a.target(), number(a.from()));
        return next;
    }

    /** Marks as failed the changes a dead replica left half-applied, so their targets are free again. */
    public void recoverInterrupted() {
        try {
            for (Action a : repository.interrupted(clock.instant().minus(INTERRUPTED_AFTER))) {
                Instant now = clock.instant();
                Action next = a.moved(ActionState.FAILED, now)
                        .withError("interrupted: the replica applying it stopped; the knob may or may not have changed")
                        .finished(now);
                store(next, ActionState.APPLYING, next.error());
            }
        } catch (SQLException e) {
            LOG.debugf("Cannot look for interrupted actions: %s", e.getMessage());
        }
    }

    public Optional<Action> find(UUID id) {
        try {
            return repository.find(id);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    public List<TimelineEntry> timeline(UUID id) {
        try {
            return repository.timeline(id);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    public Page<Action> search(Filter filter, PageRequest page) {
        try {
            return repository.search(filter, page);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    /** The change in flight on {@code target}. */
    public Optional<Action> pending(String target) throws SQLException {
        return repository.pending(target);
    }

    /** The changes of the last hour (or cooldown, if longer) and those in flight, for the change gate. */
    public List<ChangeGate.Change> recent() throws SQLException {
        Duration cooldown = settings.current().cooldown();
        Duration back = cooldown.compareTo(ChangeGate.HOUR) > 0 ? cooldown : ChangeGate.HOUR;
        return repository.recent(clock.instant().minus(back));
    }

    private boolean store(Action next, ActionState expected, String detail) {
        try {
            if (!repository.update(next, expected, detail)) {
                return false;
            }
        } catch (SQLException e) {
            // The change is made but not recorded; the row stays 'applying' and is marked interrupted later.
            LOG.errorf("Could not store action %s as %s: %s", next.id(), next.state().label(), e.getMessage());
            throw unavailable();
        }
        publisher.published(next);
        return true;
    }

    private void count(Action a) {
        meters.counter(Meters.ACTIONS, "state", a.state().label(), "origin", a.origin()).increment();
    }

    private static Map<String, Double> finite(Map<String, Double> changes) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (changes != null) {
            changes.forEach((k, v) -> {
                if (v != null && Double.isFinite(v)) {
                    result.put(k, v);
                }
            });
        }
        return result;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("PostgreSQL is unreachable; try again shortly");
    }
}
