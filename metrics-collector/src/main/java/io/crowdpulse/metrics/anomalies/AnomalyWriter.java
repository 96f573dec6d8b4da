package io.crowdpulse.metrics.anomalies;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.metrics.collect.SnapshotPublisher;
import io.crowdpulse.metrics.series.SeriesStore.Flagged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Persists flagged anomalies in batches, then publishes each: stored before published. A bounded queue
 * keeps the collection round from ever waiting on PostgreSQL; while it is down, the batch in hand is
 * retried with exponential backoff and jitter, and what overflows the queue is counted as dropped.
 */
@ApplicationScoped
public class AnomalyWriter {

    private static final Logger LOG = Logger.getLogger(AnomalyWriter.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final BlockingQueue<AnomalyRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AnomalyRepository repository;
    private final SnapshotPublisher publisher;
    private final Clock clock;
    private final Counter dropped;
    private final Counter stored;
    private List<AnomalyRecord> inHand = List.of();
    private int failures;
    private long nextAttemptMillis;

    public AnomalyWriter(AnomalyRepository repository, SnapshotPublisher publisher, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        this.dropped = meters.counter("crowdpulse.metrics.anomalies.dropped");
        this.stored = meters.counter("crowdpulse.metrics.anomalies.stored");
        meters.gaugeCollectionSize("crowdpulse.metrics.anomalies.queued", List.of(), queue);
    }

    public void submit(Flagged flagged) {
        AnomalyEvent e = flagged.event();
        AnomalyRecord record = new AnomalyRecord(UUID.randomUUID(), e.timestamp(), e.metric(), e.target(),
                flagged.key().labels(), e.value(), e.expected(), e.score(), e.severity(), e.detector(), e.confidence());
        if (!queue.offer(record)) {
            dropped.increment();
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void flush() {
        if (clock.millis() < nextAttemptMillis) {
            return;
        }
        while (true) {
            if (inHand.isEmpty()) {
                List<AnomalyRecord> batch = new ArrayList<>(BATCH);
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                inHand = batch;
            }
            try {
                repository.insert(inHand);
            } catch (Exception e) {
                failures++;
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(failures - 1, 10));
                nextAttemptMillis = clock.millis() + backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                LOG.warnf("Storing %d anomalies failed (attempt %d), retrying later: %s", inHand.size(), failures,
                        e.getMessage());
                return;
            }
            failures = 0;
            stored.increment(inHand.size());
            for (AnomalyRecord a : inHand) {
                try {
                    publisher.publishAnomaly(AnomalyEvent.of(a.detectedAt(), a.metric(), a.target(), a.value(),
                            a.expected(), a.score(), a.severity(), a.detector(), a.confidence()));
                } catch (RuntimeException e) {
                    // Stored already: consumers catch up over GET /api/v1/anomalies.
                    LOG.debugf("Publishing an anomaly failed: %s", e.getMessage());
                }
            }
            inHand = List.of();
        }
    }
}
