package io.crowdpulse.metrics.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.common.redis.ChannelListener;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Turns the latest {@code sessions.stats} event into {@code sessions.*} series: concurrent users and
 * active sessions overall, and concurrent users per module and per (top) organization.
 */
@ApplicationScoped
public class SessionStatsListener {

    public static final String TARGET = "session-service";
    private static final Logger LOG = Logger.getLogger(SessionStatsListener.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;
    private final AtomicReference<SessionsStatsEvent> latest = new AtomicReference<>();
    private Cancellable subscription;

    public SessionStatsListener(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events) {
        this.redis = redis;
        this.json = json;
        this.channel = events.channel(Channels.SESSIONS_STATS);
    }

    void onStart(@Observes StartupEvent event) {
        subscription = ChannelListener.listen(redis, channel, this::onMessage);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private void onMessage(String message) {
        try {
            latest.set(json.readValue(message, SessionsStatsEvent.class));
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable sessions.stats message: %s", e.getMessage());
        }
    }

    /** The samples of the latest stats, once: a round that saw no new stats reports none (a gap, not a copy). */
    public List<MetricSample> drain() {
        SessionsStatsEvent event = latest.getAndSet(null);
        if (event == null) {
            return List.of();
        }
        List<MetricSample> samples = new ArrayList<>();
        samples.add(new MetricSample("sessions.concurrent_users", TARGET, Map.of(), event.concurrentUsers()));
        samples.add(new MetricSample("sessions.active_sessions", TARGET, Map.of(), event.activeSessions()));
        event.modules().forEach((module, users) ->
                samples.add(new MetricSample("sessions.concurrent_users", TARGET, Map.of("module", module), users)));
        event.organizations().forEach((org, users) ->
                samples.add(new MetricSample("sessions.concurrent_users", TARGET, Map.of("organization", org), users)));
        return samples;
    }
}
