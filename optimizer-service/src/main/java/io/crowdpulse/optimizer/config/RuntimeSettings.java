package io.crowdpulse.optimizer.config;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The settings in force: the configured ones until an operator changes them, then the stored ones
 * (re-read every few seconds, so every replica follows a change made through any of them). Registers the
 * optimizer's own tuning knobs.
 */
@ApplicationScoped
public class RuntimeSettings {

    private static final Logger LOG = Logger.getLogger(RuntimeSettings.class);
    private static final long REFRESH_MILLIS = 2_000;

    private final SettingsRepository repository;
    private final TuningRegistry tuning;
    private final Clock clock;
    private volatile Settings current;
    private volatile long refreshedAt;

    public RuntimeSettings(OptimizerConfig config, SettingsRepository repository, TuningRegistry tuning, Clock clock) {
        this.repository = repository;
        this.tuning = tuning;
        this.clock = clock;
        this.current = Settings.of(config);
    }

    void onStart(@Observes StartupEvent event) {
        refresh(true);
        tuning.register(Knob.newBuilder("optimizer.evaluation-interval").unit("s").range(1, 3600)
                .description("How often the strategies run against every target")
                .reader(() -> current.evaluationInterval().toSeconds())
                .writer(v -> update(current.withEvaluationInterval(Duration.ofSeconds((long) v)), "tuning")).build());
        tuning.register(Knob.newBuilder("optimizer.verification-window").unit("s").range(1, 3600)
                .description("How long after a change its effect is measured")
                .reader(() -> current.verificationWindow().toSeconds())
                .writer(v -> update(current.withVerificationWindow(Duration.ofSeconds((long) v)), "tuning")).build());
        tuning.register(Knob.newBuilder("optimizer.rollback-threshold").range(Settings.MIN_THRESHOLD, Settings.MAX_THRESHOLD)
                .integral(false).description("Relative degradation beyond which a change is rolled back")
                .reader(() -> current.rollbackThreshold())
                .writer(v -> update(current.withRollbackThreshold(v), "tuning")).build());
    }

    public Settings current() {
        return current;
    }

    /** Re-reads the stored settings when the last read is older than a couple of seconds. */
    public void refresh() {
        refresh(false);
    }

    private void refresh(boolean force) {
        long now = clock.millis();
        if (!force && now - refreshedAt < REFRESH_MILLIS) {
            return;
        }
        refreshedAt = now;
        try {
            repository.load().ifPresent(s -> current = s);
        } catch (SQLException e) {
            LOG.debugf("Keeping the settings in force; PostgreSQL is unreachable: %s", e.getMessage());
        }
    }

    /** Validates, stores and applies new settings; 400 outside bounds, 503 when they cannot be stored. */
    public synchronized Settings update(Settings next, String actor) {
        next.validate();
        try {
            repository.save(next, actor);
        } catch (SQLException e) {
            throw ProblemException.unavailable("The settings cannot be stored now: PostgreSQL is unreachable");
        }
        Settings before = current;
        current = next;
        refreshedAt = clock.millis();
        LOG.infof("Optimizer settings changed by %s: %s -> %s", actor, before, next);
        return next;
    }
}
