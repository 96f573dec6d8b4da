package io.crowdpulse.common.redis;

import java.time.Duration;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Listens to a Redis pub/sub channel for the life of a bean, resubscribing with backoff when the
 * connection drops. Pub/sub is at-most-once: a message missed while down is caught up over REST.
 */
public final class ChannelListener {

    private static final Logger LOG = Logger.getLogger(ChannelListener.class);

    private ChannelListener() {
    }

    /** Subscribes {@code handler} to {@code channel}; cancel the result in the bean's {@code @PreDestroy}. */
    public static Cancellable listen(ReactiveRedisDataSource redis, String channel, Consumer<String> handler) {
        return redis.pubsub(String.class).subscribe(channel)
                .onFailure().invoke(e -> LOG.warnf("Subscription to %s lost, resubscribing: %s", channel, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(message -> {
                    try {
                        handler.accept(message);
                    } catch (RuntimeException e) {
                        LOG.warnf("Ignoring a message on %s that could not be handled: %s", channel, e.getMessage());
                    }
                });
    }
}
