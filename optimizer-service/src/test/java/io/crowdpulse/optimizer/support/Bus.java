package io.crowdpulse.optimizer.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.subscription.Cancellable;

/** The test run's channels: publish snapshots as the collector would, and hear the optimizer's action events. */
public final class Bus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ReactiveRedisDataSource redis;
    private final String namespace;
    private final List<String> actionEvents = new CopyOnWriteArrayList<>();
    private final Cancellable subscription;

    public Bus(ReactiveRedisDataSource redis) {
        this(redis, TestInfrastructure.PREFIX);
    }

    public Bus(ReactiveRedisDataSource redis, String namespace) {
        this.redis = redis;
        this.namespace = namespace;
        this.subscription = redis.pubsub(String.class).subscribe(namespace + ".optimizer.actions")
                .subscribe().with(actionEvents::add);
    }

    /** One snapshot of overall series of {@code target}: metric → value. */
    public void snapshot(String target, Map<String, Double> values) {
        List<MetricSample> samples = new ArrayList<>();
        values.forEach((metric, value) -> samples.add(new MetricSample(metric, target, Map.of(), value)));
        publish("metrics.snapshots", MetricsSnapshotEvent.of(Instant.now(), samples));
    }

    public void publish(String channelSuffix, Object event) {
        try {
            redis.pubsub(String.class).publish(namespace + "." + channelSuffix, JSON.writeValueAsString(event))
                    .await().indefinitely();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The action events heard so far about action {@code id}, oldest first, as maps. */
    public List<Map<String, Object>> actionEvents(String id) {
        return actionEvents.stream().filter(e -> e.contains(id)).map(Bus::read).toList();
    }

    /** The states published for action {@code id}, in order. */
    @SuppressWarnings("unchecked")
    public List<String> statesOf(String id) {
        return actionEvents(id).stream().map(e -> (String) ((Map<String, Object>) e.get("action")).get("state")).toList();
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
