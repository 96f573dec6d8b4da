package io.crowdpulse.alerting.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.evaluation.AlertChange;
import io.crowdpulse.alerting.notify.AlertNotifier;
import io.crowdpulse.common.events.AlertEvent;
import io.crowdpulse.common.events.Channels;
import io.crowdpulse.common.events.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;

/**
 * Stores alert changes, then publishes them and tells the notifier: stored before published, so a lost
 * message costs freshness, never an alert. Evaluation hands changes over and goes on; this writer drains
 * them on its own thread in batches (one transaction each), retrying a failed batch until PostgreSQL is back.
 */
@ApplicationScoped
public class AlertWriter {

    private static final Logger LOG = Logger.getLogger(AlertWriter.class);
    private static final int BATCH = 500;

    private final BlockingQueue<AlertChange> queue = new LinkedBlockingQueue<>();
    private final AlertRepository repository;
    private final AlertNotifier notifier;
    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper json;
    private final String channel;
    private final Timer storeToPublish;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    public AlertWriter(AlertRepository repository, AlertNotifier notifier, ReactiveRedisDataSource redis,
            ObjectMapper json, EventsConfig events, MeterRegistry meters) {
        this.repository = repository;
        this.notifier = notifier;
        this.pubsub = redis.pubsub(String.class);
        this.json = json;
        this.channel = events.channel(Channels.ALERTS_EVENTS);
        this.storeToPublish = Timer.builder("crowdpulse.alerting.write.latency")
                .description("From an alert change to its event on Redis").publishPercentileHistogram().register(meters);
        meters.gaugeCollectionSize("crowdpulse.alerting.write.queued", List.of(), queue);
    }

    void onStart(@Observes StartupEvent event) {
        worker.execute(this::loop);
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.shutdownNow();
    }

    public void submit(List<AlertChange> changes) {
        queue.addAll(changes);
    }

    private void loop() {
        List<AlertChange> batch = new ArrayList<>();
        long backoffMillis = 100;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    AlertChange first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                long started = System.nanoTime();
                repository.store(batch);
                for (AlertChange change : batch) {
                    publish(change);
                }
                storeToPublish.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                batch.clear();
                backoffMillis = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Storing %d alert changes failed, retrying in %d ms: %s", batch.size(), backoffMillis, e.getMessage());
                try {
                    Thread.sleep(backoffMillis); // the writer's own thread waits for PostgreSQL, nothing else does
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(10_000, backoffMillis * 2);
            }
        }
    }

    private void publish(AlertChange change) {
        Alert a = change.alert();
        if (change.isEvent() || change.kind() == AlertChange.Kind.FLAGS) {
            try {
                notifier.alertChanged(a);
            } catch (RuntimeException e) {
                LOG.warnf("Notifying alert %s failed: %s", a.id(), e.getMessage());
            }
        }
        if (!change.isEvent()) {
            return;
        }
        AlertEvent event = AlertEvent.of(a.updatedAt(), new AlertEvent.Alert(a.id().toString(), a.fingerprint(), a.rule(),
                a.severity().label(), change.kind() == AlertChange.Kind.ACKNOWLEDGED ? "acknowledged" : a.state().label(),
                a.metric(), a.target(), a.labels(), a.value(), a.threshold(), a.startsAt(), a.endsAt()));
        try {
            pubsub.publish(channel, json.writeValueAsString(event)).await().atMost(Duration.ofSeconds(5));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert events always serialize", e);
        } catch (RuntimeException e) {
            // Stored already: subscribers catch up over GET /api/v1/alerts.
            LOG.debugf("Publishing an alert event failed: %s", e.getMessage());
        }
    }
}
