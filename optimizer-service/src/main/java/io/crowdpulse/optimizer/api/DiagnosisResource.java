package io.crowdpulse.optimizer.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.optimizer.brain.Brain;
import io.crowdpulse.optimizer.diagnosis.Bottleneck;
import io.crowdpulse.optimizer.diagnosis.PerformanceScore;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.observe.Evidence;
import io.crowdpulse.optimizer.observe.Observations;
import io.crowdpulse.optimizer.strategy.Strategy;
import io.crowdpulse.optimizer.targets.TargetView;

/** Diagnosis of every target now: what limits it, how well it performs, and the strategies that may help. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DiagnosisResource {

    /** A target's bottlenecks, worst first, with the recent anomalies and alerts beside them. */
    public record TargetBottlenecks(String target, Instant at, int series, boolean knobsRead, List<Bottleneck> bottlenecks,
            List<Evidence.Item> evidence) {
    }

    /** The score of every target and of the platform, each with the inputs it was computed from. */
    public record Scores(Instant at, PerformanceScore overall, List<PerformanceScore> targets) {
    }

    /** A strategy as {@code GET /strategies} lists it. */
    public record StrategyView(String name, String description, int priority) {
    }

    private final TargetView targets;
    private final Observations observations;
    private final Brain brain;
    private final Clock clock;

    public DiagnosisResource(TargetView targets, Observations observations, Brain brain, Clock clock) {
        this.targets = targets;
        this.observations = observations;
        this.brain = brain;
        this.clock = clock;
    }

    @GET
    @Path("/bottlenecks")
    @Access(Role.VIEWER)
    public List<TargetBottlenecks> bottlenecks(@QueryParam("target") @Identifier String target) {
        List<TargetBottlenecks> result = new ArrayList<>();
        for (String name : selected(target)) {
            TargetView.Assembled a = targets.assemble(name);
            TargetFigures f = a.figures();
            result.add(new TargetBottlenecks(name, f.at(), f.series().size(), a.knobsRead(), brain.analyzer().analyze(f),
                    observations.evidence(name, clock.instant())));
        }
        return result;
    }

    @GET
    @Path("/performance-score")
    @Access(Role.VIEWER)
    public Scores performanceScore(@QueryParam("target") @Identifier String target) {
        List<PerformanceScore> scores = new ArrayList<>();
        for (String name : selected(target)) {
            TargetFigures f = targets.assemble(name).figures();
            if (!f.series().isEmpty()) {
                scores.add(brain.scorer().score(f));
            }
        }
        return new Scores(clock.instant(), brain.scorer().overall(scores), scores);
    }

    @GET
    @Path("/strategies")
    @Access(Role.VIEWER)
    public List<StrategyView> strategies() {
        List<StrategyView> views = new ArrayList<>();
        for (Strategy s : brain.engine().strategies()) {
            views.add(new StrategyView(s.name(), s.description(), s.priority()));
        }
        return views;
    }

    private List<String> selected(String target) {
        if (target == null) {
            return targets.targets();
        }
        if (!targets.knows(target)) {
            throw ProblemException.notFound("No target named '" + target + "'");
        }
        return List.of(target);
    }
}
