package io.crowdpulse.metrics.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.metrics.anomalies.AnomalyWriter;
import io.crowdpulse.metrics.config.CollectorSettings;
import io.crowdpulse.metrics.push.PushBuffer;
import io.crowdpulse.metrics.series.SeriesStore;
import io.crowdpulse.metrics.sessions.SessionStatsListener;
import io.crowdpulse.metrics.system.SystemMetricsSource;
import io.crowdpulse.metrics.targets.ScrapeOwnership;
import io.crowdpulse.metrics.targets.Target;
import io.crowdpulse.metrics.targets.TargetRegistry;
import io.crowdpulse.metrics.targets.TargetScraper;
import io.quarkus.runtime.StartupEvent;

/**
 * One collection round every interval: the host's system figures, the targets this replica owns, what
 * was pushed, and the latest session stats become one list of samples, which updates every series (and
 * its detector) and is published as one snapshot. Flagged points go to the anomaly writer.
 */
@ApplicationScoped
public class CollectionRound {

    private static final Logger LOG = Logger.getLogger(CollectionRound.class);

    private final SystemMetricsSource system;
    private final TargetRegistry targets;
    private final TargetScraper scraper;
    private final ScrapeOwnership ownership;
    private final PushBuffer push;
    private final SessionStatsListener sessions;
    private final SeriesStore series;
    private final SnapshotPublisher publisher;
    private final AnomalyWriter anomalies;
    private final CollectorSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collection-round");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastRoundMillis;

    public CollectionRound(SystemMetricsSource system, TargetRegistry targets, TargetScraper scraper,
            ScrapeOwnership ownership, PushBuffer push, SessionStatsListener sessions, SeriesStore series,
            SnapshotPublisher publisher, AnomalyWriter anomalies, CollectorSettings settings, Clock clock) {
        this.system = system;
        this.targets = targets;
        this.scraper = scraper;
        this.ownership = ownership;
        this.push = push;
        this.sessions = sessions;
        this.series = series;
        this.publisher = publisher;
        this.anomalies = anomalies;
        this.settings = settings;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        scheduleNext();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Runs rounds on the interval's grid (every whole second at 1 s) from a thread of its own: the
     * Quarkus scheduler cannot tick faster than a second, and the interval is a tuning knob.
     */
    private void scheduleNext() {
        long interval = settings.intervalMillis();
        long now = clock.millis();
        long delay = (now / interval + 1) * interval - now;
        try {
            timer.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void tick() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("Collection round failed: %s", e.getMessage());
        } finally {
            scheduleNext();
        }
    }

    /** Runs one round now and returns the samples it published. */
    public List<MetricSample> run() {
        long now = clock.millis();
        double seconds = lastRoundMillis == 0 ? settings.intervalMillis() / 1000.0 : (now - lastRoundMillis) / 1000.0;
        lastRoundMillis = now;
        ownership.heartbeat();
        List<Target> mine = targets.all().stream().filter(t -> ownership.owns(t.name())).toList();

        List<MetricSample> samples = new ArrayList<>();
        // One failing source costs its own samples, never the round.
        collect(samples, "system", system::collect);
        collect(samples, "targets", () -> scraper.scrape(mine, targets, ownership.self()));
        collect(samples, "push", () -> push.drain(seconds));
        List<MetricSample> sessionSamples = sessions.drain();
        if (ownership.owns(SessionStatsListener.TARGET)) {
            // Every replica hears the stats; only the owner of session-service reports them, once.
            samples.addAll(sessionSamples);
        }
        long roundEnd = System.nanoTime();
        Instant at = Instant.ofEpochMilli(now);

        publisher.publishSnapshot(at, samples, roundEnd);
        double minScore = settings.anomalyMinScore();
        for (SeriesStore.Flagged flagged : series.record(at, samples)) {
            if (flagged.event().score() >= minScore) {
                anomalies.submit(flagged);
            }
        }
        return samples;
    }

    private static void collect(List<MetricSample> into, String source, Supplier<List<MetricSample>> collector) {
        try {
            into.addAll(collector.get());
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("Collecting %s failed this round: %s", source, e.toString());
        }
    }
}
