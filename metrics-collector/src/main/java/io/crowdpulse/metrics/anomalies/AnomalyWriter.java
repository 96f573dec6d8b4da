package io.crowdpulse.metrics.anomalies;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.overload.BackgroundWorkers;
import io.crowdpulse.common.overload.workers.Backoff;
import io.crowdpulse.common.overload.workers.BatchWorker;
import io.crowdpulse.metrics.collect.SnapshotPublisher;
import io.crowdpulse.metrics.series.SeriesStore.Flagged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Persists flagged anomalies in batches, then publishes each: stored before published. A bounded queue
 * (common's {@link BatchWorker}, tunable {@code workers.queue-capacity} and {@code workers.pool-size})
 * keeps the collection round from ever waiting on PostgreSQL; while it is down, the batch in hand is
 * retried with exponential backoff and jitter until it is stored, and what overflows the queue is counted
 * as dropped.
 */
@ApplicationScoped
@Startup
public class AnomalyWriter {

    /** The background worker's name, in {@code /api/v1/concurrency} and the {@code crowdpulse.workers.*} metrics. */
    public static final String WORKER = "anomaly-writer";
    private static final Logger LOG = Logger.getLogger(AnomalyWriter.class);
    private static final int BATCH = 500;
    private static final Backoff BACKOFF = Backoff.newBuilder().base(Duration.ofMillis(500))
            .max(Duration.ofSeconds(30)).jitter(0.5).build();

    private final AnomalyRepository repository;
    private final SnapshotPublisher publisher;
    private final Counter dropped;
    private final Counter stored;
    private final BatchWorker<AnomalyRecord> worker;

    public AnomalyWriter(AnomalyRepository repository, SnapshotPublisher publisher, BackgroundWorkers workers,
            MeterRegistry meters) {
        this.repository = repository;
        this.publisher = publisher;
        this.dropped = meters.counter("crowdpulse.metrics.anomalies.dropped");
        this.stored = meters.counter("crowdpulse.metrics.anomalies.stored");
        // maxAttempts 0: a batch is retried until PostgreSQL takes it, as anomalies are facts to keep.
        this.worker = workers.start(BatchWorker.newBuilder(WORKER, this::store).batchSize(BATCH).maxAttempts(0)
                .backoff(BACKOFF));
        meters.gauge("crowdpulse.metrics.anomalies.queued", worker, BatchWorker::queueSize);
    }

    public void submit(Flagged flagged) {
        AnomalyEvent e = flagged.event();
        AnomalyRecord record = new AnomalyRecord(UUID.randomUUID(), e.timestamp(), e.metric(), e.target(),
                flagged.key().labels(), e.value(), e.expected(), e.score(), e.severity(), e.detector(), e.confidence());
        if (!worker.offer(record)) {
            dropped.increment();
        }
    }

    private void store(List<AnomalyRecord> batch) throws Exception {
        try {
            repository.insert(batch);
        } catch (Exception e) {
            LOG.warnf("Storing %d anomalies failed, retrying with backoff: %s", batch.size(), e.getMessage());
            throw e;
        }
        stored.increment(batch.size());
        for (AnomalyRecord a : batch) {
            try {
                publisher.publishAnomaly(AnomalyEvent.of(a.detectedAt(), a.metric(), a.target(), a.value(),
                        a.expected(), a.score(), a.severity(), a.detector(), a.confidence()));
            } catch (RuntimeException e) {
                // Stored already: consumers catch up over GET /api/v1/anomalies.
                LOG.debugf("Publishing an anomaly failed: %s", e.getMessage());
            }
        }
    }
}
