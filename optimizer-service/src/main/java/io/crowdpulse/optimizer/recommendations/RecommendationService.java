package io.crowdpulse.optimizer.recommendations;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.optimizer.actions.Action;
import io.crowdpulse.optimizer.actions.ActionService;
import io.crowdpulse.optimizer.actions.ActionState;
import io.crowdpulse.optimizer.brain.Brain;
import io.crowdpulse.optimizer.config.Mode;
import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.learning.Estimate;
import io.crowdpulse.optimizer.observe.Evidence;
import io.crowdpulse.optimizer.recommendations.RecommendationRepository.Filter;
import io.crowdpulse.optimizer.strategy.Proposal;

/**
 * Turns proposals into stored recommendations (expected impact and confidence corrected by the impact
 * learner, recent anomalies and alerts added to the rationale), and applies or dismisses them by hand.
 */
@ApplicationScoped
public class RecommendationService {

    private final RecommendationRepository repository;
    private final ActionService actions;
    private final RuntimeSettings settings;
    private final Brain brain;
    private final Clock clock;

    public RecommendationService(RecommendationRepository repository, ActionService actions, RuntimeSettings settings,
            Brain brain, Clock clock) {
        this.repository = repository;
        this.actions = actions;
        this.settings = settings;
        this.brain = brain;
        this.clock = clock;
    }

    /**
     * Stores the target's proposals as open recommendations (refreshing those already open) and expires the
     * open ones no strategy proposed for the recommendation TTL; answers them in the proposals' order.
     */
    public List<Recommendation> refresh(String target, List<Proposal> proposals, List<Evidence.Item> evidence,
            java.time.Duration ttl) throws SQLException {
        Instant now = clock.instant();
        List<Recommendation> stored = new ArrayList<>();
        String seen = evidence.isEmpty() ? "" : "; recent: " + String.join("; ",
                evidence.stream().limit(3).map(Evidence.Item::line).toList());
        for (Proposal p : proposals) {
            Estimate e = brain.learner().estimate(p.strategy(), p.target(), p.expectedImpact(), p.confidence());
            stored.add(repository.upsertOpen(p, e, p.rationale() + seen, now));
        }
        repository.expire(target, now.minus(ttl), now);
        return stored;
    }

    public Page<Recommendation> search(Filter filter, PageRequest page) {
        try {
            return repository.search(filter, page);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    public Optional<Recommendation> find(UUID id) {
        try {
            return repository.find(id);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    /**
     * Applies an open recommendation now, by hand (in recommend and auto mode; 409 when the optimizer is off,
     * the recommendation is not open, or its target has a change in flight). It is verified like any change.
     */
    public Action apply(UUID id, String actor) {
        if (settings.current().mode() == Mode.OFF) {
            throw conflict("The optimizer is off; set mode to recommend or auto to apply changes");
        }
        Recommendation r = requireOpen(id);
        return applyOpen(r, Action.MANUAL, actor);
    }

    /** Applies an open recommendation (auto mode, or by hand) and closes it when the change was made. */
    public Action applyOpen(Recommendation r, String origin, String actor) {
        Action action = actions.apply(new ActionService.ChangeRequest(r.id(), origin, r.strategy(), r.target(), r.knob(),
                r.from(), r.to(), r.expectedImpact(), r.confidence(), r.rationale(), actor));
        if (action.state() == ActionState.APPLIED) {
            try {
                repository.close(r.id(), RecommendationStatus.APPLIED, action.id(), actor, clock.instant());
            } catch (SQLException e) {
                // The action is stored and in force; the recommendation stays open until it is refreshed or expires.
            }
        }
        return action;
    }

    public Recommendation dismiss(UUID id, String actor) {
        requireOpen(id);
        try {
            if (!repository.close(id, RecommendationStatus.DISMISSED, null, actor, clock.instant())) {
                throw conflict("Recommendation " + id + " is not open any more");
            }
            return repository.find(id).orElseThrow(() -> ProblemException.notFound("No recommendation " + id));
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    private Recommendation requireOpen(UUID id) {
        Recommendation r = find(id).orElseThrow(() -> ProblemException.notFound("No recommendation " + id));
        if (r.status() != RecommendationStatus.OPEN) {
            throw conflict("Recommendation " + id + " is " + r.status().label() + "; only open ones can be applied or dismissed");
        }
        return r;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("PostgreSQL is unreachable; try again shortly");
    }
}
