package io.crowdpulse.metrics.series;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.redis.ChannelListener;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Listens to every replica's snapshots on {@code crowdpulse.metrics.snapshots} and fans them out to this
 * replica's SSE clients, each filtered to the metrics and targets it asked for.
 */
@ApplicationScoped
public class SnapshotStream {

    private static final Logger LOG = Logger.getLogger(SnapshotStream.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;
    private final BroadcastProcessor<MetricsSnapshotEvent> processor = BroadcastProcessor.create();
    private final AtomicReference<MetricsSnapshotEvent> latest = new AtomicReference<>();
    private Cancellable subscription;

    public SnapshotStream(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events) {
        this.redis = redis;
        this.json = json;
        this.channel = events.channel(Channels.METRICS_SNAPSHOTS);
    }

    void onStart(@Observes StartupEvent event) {
        subscription = ChannelListener.listen(redis, channel, this::onMessage);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        processor.onComplete();
    }

    private void onMessage(String message) {
        try {
            MetricsSnapshotEvent event = json.readValue(message, MetricsSnapshotEvent.class);
            latest.set(event);
            processor.onNext(event);
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable snapshot: %s", e.getMessage());
        }
    }

    /** Snapshots as they arrive, cut down to the given metric and target (either may be null); empty ones skipped. */
    public Multi<MetricsSnapshotEvent> events(String metric, String target) {
        return processor.onOverflow().drop()
                .map(e -> MetricsSnapshotEvent.of(e.timestamp(), e.samples().stream()
                        .filter(s -> metric == null || s.metric().equals(metric))
                        .filter(s -> target == null || s.target().equals(target))
                        .toList()))
                .filter(e -> !e.samples().isEmpty());
    }
}
