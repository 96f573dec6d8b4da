package io.crowdpulse.metrics.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.quarkus.runtime.Startup;

/** The collector settings that may change while it runs, exposed as tuning knobs. */
@ApplicationScoped
@Startup
public class CollectorSettings {

    private final TuningRegistry tuning;
    private volatile long intervalMillis;
    private volatile double anomalyMinScore;

    public CollectorSettings(MetricsConfig config, TuningRegistry tuning) {
        this.tuning = tuning;
        this.intervalMillis = config.interval().toMillis();
        this.anomalyMinScore = config.anomalies().minScore();
    }

    @PostConstruct
    void registerKnobs() {
        tuning.register(Knob.newBuilder("metrics.interval").unit("ms").range(100, 60_000)
                .description("How often every source is collected and a snapshot published")
                .reader(() -> intervalMillis).writer(v -> intervalMillis = (long) v).build());
        tuning.register(Knob.newBuilder("metrics.anomaly-min-score").range(0, 1).integral(false)
                .description("Lowest anomaly score that is persisted and published")
                .reader(() -> anomalyMinScore).writer(v -> anomalyMinScore = v).build());
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public double anomalyMinScore() {
        return anomalyMinScore;
    }
}
