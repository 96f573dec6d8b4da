package io.crowdpulse.metrics.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/** Publishes snapshots and anomalies on their channels; times each snapshot from round end to Redis. */
@ApplicationScoped
public class SnapshotPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final String snapshots;
    private final String anomalies;
    private final Timer latency;

    public SnapshotPublisher(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events, MeterRegistry meters) {
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
        this.snapshots = events.channel(Channels.METRICS_SNAPSHOTS);
        this.anomalies = events.channel(Channels.METRICS_ANOMALIES);
        this.latency = Timer.builder("crowdpulse.metrics.snapshot.latency")
                .description("From the end of a collection round to the snapshot on Redis")
                .publishPercentileHistogram().register(meters);
    }

    public String snapshotChannel() {
        return snapshots;
    }

    /** Publishes one round's samples; {@code roundEndNanos} is when collecting ended. */
    public void publishSnapshot(Instant at, List<MetricSample> samples, long roundEndNanos) {
        pubsub.publish(snapshots, write(MetricsSnapshotEvent.of(at, samples))).await().atMost(Duration.ofSeconds(5));
        latency.record(System.nanoTime() - roundEndNanos, TimeUnit.NANOSECONDS);
    }

    public void publishAnomaly(AnomalyEvent event) {
        pubsub.publish(anomalies, write(event)).await().atMost(Duration.ofSeconds(5));
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event does not serialize", e);
        }
    }
}
