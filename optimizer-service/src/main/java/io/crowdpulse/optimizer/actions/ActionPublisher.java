package io.crowdpulse.optimizer.actions;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.OptimizerActionEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/**
 * Publishes an action's state on {@code crowdpulse.optimizer.actions} once it is stored. Pub/sub is
 * at-most-once: a lost event costs freshness only, subscribers catch up over {@code GET /api/v1/actions}.
 */
@ApplicationScoped
public class ActionPublisher {

    private static final Logger LOG = Logger.getLogger(ActionPublisher.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final String channel;

    public ActionPublisher(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events) {
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
        this.channel = events.channel(Channels.OPTIMIZER_ACTIONS);
    }

    /** Publishes the stored action; dry runs and the internal {@code applying} state are not events. */
    public void published(Action a) {
        if (a.state() == ActionState.APPLYING || a.state() == ActionState.DRY_RUN) {
            return;
        }
        OptimizerActionEvent event = OptimizerActionEvent.of(a.updatedAt(), new OptimizerActionEvent.Action(
                a.id().toString(), a.strategy(), a.target(), a.knob(), a.from(), a.to(), a.state().label(),
                a.expectedImpact(), a.measuredImpact()));
        try {
            pubsub.publish(channel, json.writeValueAsString(event)).await().atMost(Duration.ofSeconds(5));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action events always serialize", e);
        } catch (RuntimeException e) {
            LOG.debugf("Publishing action %s failed (it is stored): %s", a.id(), e.getMessage());
        }
    }
}
