package io.crowdpulse.session.history;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.SessionsStatsEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/** Publishes the per-second stats on {@code crowdpulse.sessions.stats}. */
@ApplicationScoped
public class StatsPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final String channel;

    public StatsPublisher(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events) {
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
        this.channel = events.channel(Channels.SESSIONS_STATS);
    }

    public String channel() {
        return channel;
    }

    public void publish(SessionsStatsEvent event) {
        try {
            pubsub.publish(channel, json.writeValueAsString(event)).await().atMost(Duration.ofSeconds(5));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats event does not serialize", e);
        }
    }
}
