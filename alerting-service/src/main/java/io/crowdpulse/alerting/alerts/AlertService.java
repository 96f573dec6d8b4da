package io.crowdpulse.alerting.alerts;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.alerting.alerts.AlertRepository.AlertFilter;
import io.crowdpulse.alerting.alerts.AlertRepository.TimelineEntry;
import io.crowdpulse.alerting.evaluation.EvaluationLoop;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;

/**
 * Reads alerts from PostgreSQL and carries operators' acknowledgements and resolutions to the evaluating
 * replica (the only one that changes alerts), answering once the change is stored.
 */
@ApplicationScoped
public class AlertService {

    private static final Duration WAIT_FOR_CHANGE = Duration.ofSeconds(5);

    private final AlertRepository repository;
    private final EvaluationLoop evaluation;

    public AlertService(AlertRepository repository, EvaluationLoop evaluation) {
        this.repository = repository;
        this.evaluation = evaluation;
    }

    public Page<Alert> search(AlertFilter filter, PageRequest page) {
        try {
            return repository.search(filter, page);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    public Optional<Alert> find(UUID id) {
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

    public Alert acknowledge(UUID id, String actor, String note) {
        requireActive(id);
        evaluation.send(new EvaluationLoop.Command("acknowledge", id, actor, note));
        return awaitStored(id, a -> actor.equals(a.acknowledgedBy()));
    }

    public Alert resolve(UUID id, String actor, String note) {
        requireActive(id);
        evaluation.send(new EvaluationLoop.Command("resolve", id, actor, note));
        return awaitStored(id, a -> a.state() == AlertState.RESOLVED);
    }

    private void requireActive(UUID id) {
        Alert alert = find(id).orElseThrow(() -> ProblemException.notFound("No alert " + id));
        if (!alert.active()) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict", "Alert " + id + " is resolved already"));
        }
    }

    /** Polls the store until the evaluating replica has applied the change (it is the one writer of alerts). */
    private Alert awaitStored(UUID id, Predicate<Alert> applied) {
        long deadline = System.nanoTime() + WAIT_FOR_CHANGE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Alert> now = find(id);
            if (now.isPresent() && applied.test(now.get())) {
                return now.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ProblemException.unavailable("No evaluating replica applied the change within "
                + WAIT_FOR_CHANGE.toSeconds() + " s; try again");
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Alerts are stored in PostgreSQL, which is unreachable now");
    }
}
