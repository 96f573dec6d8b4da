package io.crowdpulse.session.config;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.TuningRegistry;

/**
 * The settings that may change while the service runs, seeded from {@link SessionsConfig} and exposed as
 * tuning knobs; every reader asks here, so a change takes effect on the next heartbeat, count or sweep.
 */
@ApplicationScoped
@Startup
public class SessionSettings {

    private final TuningRegistry tuning;
    private volatile long activityWindowMillis;
    private volatile long sessionTtlMillis;
    private volatile long cleanupIntervalMillis;
    private volatile int recordBatchSize;

    public SessionSettings(SessionsConfig config, TuningRegistry tuning) {
        this.tuning = tuning;
        this.activityWindowMillis = config.activityWindow().toMillis();
        this.sessionTtlMillis = config.sessionTtl().toMillis();
        this.cleanupIntervalMillis = config.cleanupInterval().toMillis();
        this.recordBatchSize = config.records().batchSize();
    }

    @PostConstruct
    void registerKnobs() {
        tuning.register(Knob.newBuilder("sessions.activity-window").unit("s").range(1, 3600)
                .description("How long a heartbeat keeps its user counted as concurrent")
                .reader(() -> activityWindowMillis / 1000.0).writer(v -> activityWindowMillis = (long) v * 1000).build());
        tuning.register(Knob.newBuilder("sessions.session-ttl").unit("s").range(1, 86_400)
                .description("How long a session may go without a heartbeat before it ends")
                .reader(() -> sessionTtlMillis / 1000.0).writer(v -> sessionTtlMillis = (long) v * 1000).build());
        tuning.register(Knob.newBuilder("sessions.cleanup-interval").unit("s").range(1, 300)
                .description("How often idle sessions are ended and stale activity is trimmed")
                .reader(() -> cleanupIntervalMillis / 1000.0).writer(v -> cleanupIntervalMillis = (long) v * 1000).build());
        tuning.register(Knob.newBuilder("sessions.history-batch-size").unit("records").range(1, 10_000)
                .description("Most session records written to PostgreSQL in one statement")
                .reader(() -> recordBatchSize).writer(v -> recordBatchSize = (int) v).build());
    }

    public long activityWindowMillis() {
        return activityWindowMillis;
    }

    public Duration activityWindow() {
        return Duration.ofMillis(activityWindowMillis);
    }

    public long sessionTtlMillis() {
        return sessionTtlMillis;
    }

    public long cleanupIntervalMillis() {
        return cleanupIntervalMillis;
    }

    public int recordBatchSize() {
        return recordBatchSize;
    }
}
