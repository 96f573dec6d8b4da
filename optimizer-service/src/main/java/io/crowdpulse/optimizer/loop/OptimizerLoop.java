package io.crowdpulse.optimizer.loop;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.redis.Lease;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.actions.Action;
import io.crowdpulse.optimizer.actions.ActionService;
import io.crowdpulse.optimizer.actions.ChangeGate;
import io.crowdpulse.optimizer.brain.Brain;
import io.crowdpulse.optimizer.config.Keys;
import io.crowdpulse.optimizer.config.Mode;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.config.Settings;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.observe.KeyFigures;
import io.crowdpulse.optimizer.observe.Observations;
import io.crowdpulse.optimizer.recommendations.Recommendation;
import io.crowdpulse.optimizer.recommendations.RecommendationService;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.targets.TargetView;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * The optimizer's heartbeat, every second on every replica: take or keep the lease; on the replica holding
 * it, verify the changes whose window has ended (their deadline is stored, so a new leader picks them up)
 * and, every evaluation interval unless the mode is off, run the strategies against every target, store
 * their recommendations and, in auto mode, apply the most urgent one the change gate allows.
 */
@ApplicationScoped
public class OptimizerLoop {

    private static final Logger LOG = Logger.getLogger(OptimizerLoop.class);

    private final RuntimeSettings settings;
    private final OptimizerConfig config;
    private final TargetView targets;
    private final Observations observations;
    private final RecommendationService recommendations;
    private final ActionService actions;
    private final Brain brain;
    private final Lease lease;
    private final ChangeGate gate;
    private final Clock clock;
    private volatile boolean leader;
    private volatile long lastEvaluation;

    public OptimizerLoop(RuntimeSettings settings, OptimizerConfig config, TargetView targets, Observations observations,
            RecommendationService recommendations, ActionService actions, Brain brain, ReactiveRedisDataSource redis,
            EventsConfig events, Clock clock) {
        this.settings = settings;
        this.config = config;
        this.targets = targets;
        this.observations = observations;
        this.recommendations = recommendations;
        this.actions = actions;
        this.brain = brain;
        // One optimizer deployment per event namespace acts: the lease key carries the namespace.
        this.lease = new Lease(new Keys(config.keyPrefix(), events.namespace()).lease(), config.leaseTtl(), redis.getRedis());
        this.gate = new ChangeGate(clock);
        this.clock = clock;
    }

    public boolean isLeader() {
        return leader;
    }

    public String holderId() {
        return lease.holderId();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        settings.refresh();
        boolean holds = holdsLease();
        if (holds && !leader) {
            LOG.infof("Holding the optimizer lease (%s): acting now", lease.holderId());
            actions.recoverInterrupted();
        } else if (!holds && leader) {
            LOG.infof("Lost the optimizer lease: standing by");
        }
        leader = holds;
        if (!leader) {
            return;
        }
        actions.verifyDue();
        Settings s = settings.current();
        long now = clock.millis();
        if (s.mode() != Mode.OFF && now - lastEvaluation >= s.evaluationInterval().toMillis()) {
            lastEvaluation = now;
            for (String target : targets.targets()) {
                try {
                    evaluate(target, s);
                } catch (RuntimeException | SQLException e) {
                    LOG.warnf("Evaluating %s failed: %s", target, e.getMessage());
                }
            }
        }
    }

    private boolean holdsLease() {
        try {
            return lease.holdOrTake();
        } catch (RuntimeException e) {
            LOG.debugf("Cannot reach Redis for the optimizer lease; standing by: %s", e.getMessage());
            return false;
        }
    }

    /** One evaluation of one target: proposals → recommendations → (auto) at most one change. */
    void evaluate(String target, Settings s) throws SQLException {
        TargetView.Assembled assembled = targets.assemble(target);
        TargetFigures figures = assembled.figures();
        if (figures.series().isEmpty()) {
            return; // nothing measured yet: no strategy can judge it
        }
        List<Proposal> proposals = brain.engine().evaluate(figures).stream()
                .filter(p -> target.equals(p.target()) && withinBounds(p, figures))
                .toList();
        List<Recommendation> open = recommendations.refresh(target, proposals,
                observations.evidence(target, clock.instant()), config.recommendationTtl());
        if (s.mode() != Mode.AUTO || open.isEmpty() || !assembled.knobsRead()) {
            return;
        }
        if (KeyFigures.of(figures.series()).samples() < config.minSamples()) {
            return; // too little history before a change to judge it afterwards
        }
        // The budget counts the changes of the targets this deployment tunes (one schema may serve several).
        List<ChangeGate.Change> recent = actions.recent().stream().filter(c -> targets.knows(c.target())).toList();
        for (Recommendation r : open) {
            if (r.expectedImpact() <= 0) {
                continue; // what was measured here says this strategy does not help this target
            }
            ChangeGate.Decision decision = gate.check(target, r.knob(), recent, s.cooldown(), s.budgetPerHour());
            if (!decision.allowed()) {
                LOG.debugf("Not applying %s %s on %s: %s", r.strategy(), r.knob(), target, decision.reason());
                continue;
            }
            if (!holdsLease()) {
                return; // renewed right before acting: a replica that lost the lease never acts
            }
            Action action = recommendations.applyOpen(r, Action.AUTO, "optimizer");
            LOG.infof("Auto mode: %s %s of %s -> %s (%s)", action.state().label(), r.knob(), target, r.to(), r.strategy());
            return; // at most one change per target at a time
        }
    }

    /** A proposal the target's knob accepts: the knob exists and the new value lies within its bounds. */
    static boolean withinBounds(Proposal p, TargetFigures figures) {
        KnobView knob = figures.knobs().get(p.knob());
        if (knob == null) {
            return false;
        }
        double to = p.to();
        return !Double.isNaN(to) && to != p.from() && to >= knob.min().doubleValue() && to <= knob.max().doubleValue();
    }
}
