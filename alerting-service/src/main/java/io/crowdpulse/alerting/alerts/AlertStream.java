package io.crowdpulse.alerting.alerts;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.AlertEvent;
import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.redis.ChannelListener;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/** Relays {@code crowdpulse.alerts.events} to this replica's SSE clients, whichever replica evaluated. */
@ApplicationScoped
public class AlertStream {

    private static final Logger LOG = Logger.getLogger(AlertStream.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;
    private final BroadcastProcessor<AlertEvent> processor = BroadcastProcessor.create();
    private Cancellable subscription;

    public AlertStream(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events) {
        this.redis = redis;
        this.json = json;
        this.channel = events.channel(Channels.ALERTS_EVENTS);
    }

    void onStart(@Observes StartupEvent event) {
        subscription = ChannelListener.listen(redis, channel, message -> {
            try {
                processor.onNext(json.readValue(message, AlertEvent.class));
            } catch (Exception e) {
                LOG.debugf("Ignoring an unreadable alert event: %s", e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        processor.onComplete();
    }

    public Multi<AlertEvent> events() {
        return processor.onOverflow().drop();
    }
}
