package io.crowdpulse.session.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.common.overload.DegradedMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.crowdpulse.common.redis.ChannelListener;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Listens to {@code crowdpulse.sessions.stats} and fans it out to this replica's SSE clients, so every
 * replica streams the same numbers whichever one sampled them; also mirrors them as gauges. In degraded
 * mode the streams get an update only every {@code crowdpulse.degraded.stream-interval} (5 s).
 */
@ApplicationScoped
public class StatsStream {

    private static final Logger LOG = Logger.getLogger(StatsStream.class);
    /** Events arrive about every second; one a little early still counts as due. */
    private static final long TICK_SLACK_MILLIS = 200;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final String channel;
    private final BroadcastProcessor<SessionsStatsEvent> processor = BroadcastProcessor.create();
    private final AtomicReference<SessionsStatsEvent> latest = new AtomicReference<>();
    private final AtomicLong users = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final DegradedMode degraded;
    private volatile long lastBroadcastMillis;
    private Cancellable subscription;

    public StatsStream(ReactiveRedisDataSource redis, ObjectMapper json, EventsConfig events, MeterRegistry meters,
            DegradedMode degraded) {
        this.redis = redis;
        this.degraded = degraded;
        this.json = json;
        this.channel = events.channel(Channels.SESSIONS_STATS);
        meters.gauge("crowdpulse.sessions.concurrent.users", users);
        meters.gauge("crowdpulse.sessions.active.sessions", sessions);
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
            SessionsStatsEvent event = json.readValue(message, SessionsStatsEvent.class);
            latest.set(event);
            users.set(event.concurrentUsers());
            sessions.set(event.activeSessions());
            long now = System.currentTimeMillis();
            if (now - lastBroadcastMillis >= degraded.streamInterval(Duration.ZERO).toMillis() - TICK_SLACK_MILLIS) {
                lastBroadcastMillis = now;
                processor.onNext(event);
            }
        } catch (Exception e) {
            LOG.warnf("Ignoring an unreadable stats message: %s", e.getMessage());
        }
    }

    /** The latest stats at once, then every new one; a client that cannot keep up skips events. */
    public Multi<SessionsStatsEvent> events() {
        SessionsStatsEvent last = latest.get();
        Multi<SessionsStatsEvent> live = processor.onOverflow().drop();
        return last == null ? live : Multi.createBy().concatenating().streams(Multi.createFrom().item(last), live);
    }
}
