package io.crowdpulse.alerting.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.subscription.Cancellable;

/** The test run's Redis channels: publish snapshots as the metrics-collector would, and hear alert events. */
public final class Bus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ReactiveRedisDataSource redis;
    private final List<String> alertEvents = new CopyOnWriteArrayList<>();
    private final Cancellable subscription;

    public Bus(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.subscription = redis.pubsub(String.class).subscribe(TestInfrastructure.PREFIX + ".alerts.events")
                .subscribe().with(alertEvents::add);
    }

    public void snapshot(MetricSample... samples) {
        publish("metrics.snapshots", MetricsSnapshotEvent.of(Instant.now(), List.of(samples)));
    }

    public void publish(String channelSuffix, Object event) {
        try {
            redis.pubsub(String.class).publish(TestInfrastructure.PREFIX + "." + channelSuffix, JSON.writeValueAsString(event))
                    .await().indefinitely();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MetricSample sample(String metric, String target, double value) {
        return new MetricSample(metric, target, Map.of(), value);
    }

    /** The alert events heard so far that mention {@code text}. */
    public List<Map<String, Object>> eventsAbout(String text) {
        return alertEvents.stream().filter(e -> e.contains(text)).map(Bus::read).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        subscription.cancel();
    }
}
