package io.crowdpulse.alerting.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.alerts.AlertRepository;
import io.crowdpulse.alerting.alerts.AlertWriter;
import io.crowdpulse.alerting.config.AlertingConfig;
import io.crowdpulse.alerting.rules.RuleService;
import io.crowdpulse.alerting.silences.SilenceRepository;
import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.common.redis.ChannelListener;
import io.crowdpulse.common.redis.Lease;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Feeds the rule engine: every snapshot, anomaly and sessions.stats message as it arrives, and the clock
 * every second. Only the replica holding the evaluator lease in Redis evaluates (the others stand by and
 * take over after the lease's TTL, restoring the active alerts from PostgreSQL), so several replicas
 * never double-fire. Evaluation runs on one thread of its own, never on a Redis event loop.
 */
@ApplicationScoped
public class EvaluationLoop {

    private static final Logger LOG = Logger.getLogger(EvaluationLoop.class);

    private final RuleEngine engine;
    private final RuleService rules;
    private final AlertRepository alerts;
    private final SilenceRepository silences;
    private final AlertWriter writer;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EventsConfig events;
    private final Lease lease;
    private final Clock clock;
    private final String commandChannel;
    private final ExecutorService evaluator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-evaluation");
        t.setDaemon(true);
        return t;
    });
    private final List<Cancellable> subscriptions = new ArrayList<>();
    private volatile boolean leader;
    private long rulesVersion = -1;
    private long silencesLoadedAt;

    public EvaluationLoop(AlertingConfig config, RuleService rules, AlertRepository alerts, SilenceRepository silences,
            AlertWriter writer, ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events, Clock clock) {
        this.engine = RuleEngine.newBuilder().clock(clock).flapWindow(config.evaluation().flapWindow())
                .flapThreshold(config.evaluation().flapThreshold()).build();
        this.rules = rules;
        this.alerts = alerts;
        this.silences = silences;
        this.writer = writer;
        this.redis = redis;
        this.json = json;
        this.events = events;
        this.clock = clock;
        this.lease = new Lease(config.evaluation().keyPrefix() + ":lease:evaluator", config.evaluation().leaseTtl(),
                redis.getRedis());
        this.commandChannel = events.namespace() + ".alerting.commands";
    }

    void onStart(@Observes StartupEvent event) {
        subscribe(events.channel(Channels.METRICS_SNAPSHOTS), m -> engine.onSamples(json.readValue(m, MetricsSnapshotEvent.class).samples()));
        subscribe(events.channel(Channels.METRICS_ANOMALIES), m -> engine.onAnomaly(json.readValue(m, AnomalyEvent.class)));
        subscribe(events.channel(Channels.SESSIONS_STATS), m -> engine.onSamples(sessionSamples(json.readValue(m, SessionsStatsEvent.class))));
        subscribe(commandChannel, m -> apply(json.readValue(m, Command.class)));
    }

    @PreDestroy
    void stop() {
        subscriptions.forEach(Cancellable::cancel);
        evaluator.shutdownNow();
    }

    public boolean isLeader() {
        return leader;
    }

    public RuleEngine engine() {
        return engine;
    }

    /** A manual operation on an alert, sent to whichever replica evaluates. */
    public record Command(String op, UUID id, String actor, String note) {
    }

    public void send(Command command) {
        try {
            redis.pubsub(String.class).publish(commandChannel, json.writeValueAsString(command)).await().atMost(Duration.ofSeconds(5));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("commands always serialize", e);
        }
    }

    /** Takes or keeps the lease, reloads rules and silences when needed, and lets time move the alerts on. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        boolean holds;
        try {
            holds = lease.holdOrTake();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot reach Redis for the evaluator lease; standing by: %s", e.getMessage());
            holds = false;
        }
        if (holds && !leader) {
            takeOver();
        }
        leader = holds;
        if (leader) {
            run(() -> {
                refreshRulesAndSilences();
                return engine.tick();
            });
        }
    }

    private void takeOver() {
        try {
            var active = alerts.active();
            run(() -> {
                engine.restore(active);
                return List.of();
            });
            LOG.infof("Evaluating rules now, %d active alerts taken over", active.size());
        } catch (Exception e) {
            LOG.warnf("Could not load the active alerts; evaluating from scratch: %s", e.getMessage());
        }
        rulesVersion = -1;
    }

    private void refreshRulesAndSilences() {
        if (rules.version() != rulesVersion) {
            rulesVersion = rules.version();
            engine.setRules(rules.all());
        }
        if (clock.millis() - silencesLoadedAt >= 2_000) {
            try {
                writer.submit(engine.setSilences(silences.list(true, clock.instant())));
                silencesLoadedAt = clock.millis();
            } catch (Exception e) {
                LOG.debugf("Keeping the known silences: %s", e.getMessage());
            }
        }
    }

    private List<AlertChange> apply(Command command) {
        return switch (command.op()) {
            case "acknowledge" -> engine.acknowledge(command.id(), command.actor(), command.note()).map(List::of).orElse(List.of());
            case "resolve" -> engine.resolve(command.id(), command.actor(), command.note());
            default -> List.of();
        };
    }

    /** A message handler that may throw (an unreadable message is skipped). */
    @FunctionalInterface
    private interface Handler {
        List<AlertChange> handle(String message) throws Exception;
    }

    @FunctionalInterface
    private interface Step {
        List<AlertChange> run() throws Exception;
    }

    private void subscribe(String channel, Handler handler) {
        subscriptions.add(ChannelListener.listen(redis, channel, message -> {
            if (leader) {
                run(() -> handler.handle(message));
            }
        }));
    }

    private void run(Step step) {
        try {
            evaluator.execute(() -> {
                try {
                    List<AlertChange> changes = step.run();
                    if (!changes.isEmpty()) {
                        writer.submit(changes);
                    }
                } catch (Exception e) {
                    LOG.warnf("Evaluation step failed: %s", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** The same series the metrics-collector makes of the stats, so users-online rules fire on the stats at once. */
    static List<MetricSample> sessionSamples(SessionsStatsEvent event) {
        List<MetricSample> samples = new ArrayList<>();
        samples.add(new MetricSample("sessions.concurrent_users", "session-service", Map.of(), event.concurrentUsers()));
        samples.add(new MetricSample("sessions.active_sessions", "session-service", Map.of(), event.activeSessions()));
        event.modules().forEach((m, n) -> samples.add(new MetricSample("sessions.concurrent_users", "session-service", Map.of("module", m), n)));
        event.organizations().forEach((o, n) -> samples.add(new MetricSample("sessions.concurrent_users", "session-service", Map.of("organization", o), n)));
        return samples;
    }
}
