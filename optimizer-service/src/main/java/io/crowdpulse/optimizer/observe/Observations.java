package io.crowdpulse.optimizer.observe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.AlertEvent;
import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.redis.ChannelListener;
import io.crowdpulse.optimizer.config.Meters;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * What every replica hears on Redis: the snapshots (into the rolling series), the anomalies and the alert
 * events (as evidence). Every replica listens, leader or not, so a replica that takes over has the history.
 */
@ApplicationScoped
public class Observations {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EventsConfig events;
    private final SeriesStore series;
    private final Evidence evidence;
    private final Clock clock;
    private final List<Cancellable> subscriptions = new ArrayList<>();

    public Observations(OptimizerConfig config, ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events,
            MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.redis = redis;
        // Lenient on events: a newer publisher may add fields this build does not know.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.events = events;
        this.series = new SeriesStore(config.windowSamples(), config.windowAge().toMillis(), config.maxSeries());
        this.evidence = new Evidence(config.evidencePerTarget(), config.windowAge().toMillis());
        meters.gauge(Meters.SERIES, series, SeriesStore::seriesCount);
    }

    void onStart(@Observes StartupEvent event) {
        subscriptions.add(ChannelListener.listen(redis, events.channel(Channels.METRICS_SNAPSHOTS), m -> {
            MetricsSnapshotEvent snapshot = read(m, MetricsSnapshotEvent.class);
            // Received time, not the collector's: verification windows are on this replica's clock.
            series.add(clock.instant(), snapshot.samples());
        }));
        subscriptions.add(ChannelListener.listen(redis, events.channel(Channels.METRICS_ANOMALIES), m -> {
            AnomalyEvent a = read(m, AnomalyEvent.class);
            evidence.add(a.target(), new Evidence.Item("anomaly", a.timestamp() == null ? clock.instant() : a.timestamp(), a.metric(), a.severity(), a.value(),
                    a.severity() + ", score " + Math.round(a.score() * 100) / 100.0 + ", expected " + Math.round(a.expected() * 100) / 100.0));
        }));
        subscriptions.add(ChannelListener.listen(redis, events.channel(Channels.ALERTS_EVENTS), m -> {
            AlertEvent e = read(m, AlertEvent.class);
            AlertEvent.Alert a = e.alert();
            if (a != null) {
                evidence.add(a.target(), new Evidence.Item("alert", e.timestamp() == null ? clock.instant() : e.timestamp(),
                        a.metric(), a.severity(), a.value(), a.rule() + " " + a.state()));
            }
        }));
    }

    @PreDestroy
    void stop() {
        subscriptions.forEach(Cancellable::cancel);
    }

    /** Every series of {@code target} over {@code [from, to]}. */
    public Map<String, SeriesFigures> figures(String target, Instant from, Instant to) {
        return series.figures(target, from, to);
    }

    public List<Evidence.Item> evidence(String target, Instant now) {
        return evidence.recent(target, now);
    }

    private <T> T read(String message, Class<T> type) {
        try {
            return json.readValue(message, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
