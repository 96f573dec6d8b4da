package io.crowdpulse.common.overload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.crowdpulse.common.overload.workers.BatchWorker;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Starts this service's background workers ({@link BatchWorker}) with the configured pool size and queue
 * capacity, exposes their queue depth and pool usage, and makes both tunable for all of them at once
 * ({@code workers.pool-size}, {@code workers.queue-capacity}, registered with the first worker).
 */
@Singleton
public class BackgroundWorkers {

    private final List<BatchWorker<?>> workers = new CopyOnWriteArrayList<>();
    private final TuningRegistry tuning;
    private final MeterRegistry meters;
    private volatile int poolSize;
    private volatile int queueCapacity;
    private boolean knobsRegistered;

    public BackgroundWorkers(WorkersConfig config, TuningRegistry tuning, MeterRegistry meters) {
        this.poolSize = config.poolSize();
        this.queueCapacity = config.queueCapacity();
        this.tuning = tuning;
        this.meters = meters;
    }

    /** Builds and starts a worker with this service's pool size and queue capacity. */
    public synchronized <T> BatchWorker<T> start(BatchWorker.Builder<T> builder) {
        BatchWorker<T> worker = builder.poolSize(poolSize).capacity(queueCapacity).build();
        if (workers.stream().anyMatch(w -> w.name().equals(worker.name()))) {
            throw new IllegalStateException("background worker started twice: " + worker.name());
        }
        Gauge.builder(OverloadMetrics.WORKERS_QUEUE_SIZE, worker, BatchWorker::queueSize)
                .tag(OverloadMetrics.WORKER, worker.name()).description("Items waiting in a background queue")
                .register(meters);
        Gauge.builder(OverloadMetrics.WORKERS_POOL_ACTIVE, worker, BatchWorker::activeWorkers)
                .tag(OverloadMetrics.WORKER, worker.name()).description("Background worker threads busy now")
                .register(meters);
        Gauge.builder(OverloadMetrics.WORKERS_POOL_MAX, worker, BatchWorker::poolSize)
                .tag(OverloadMetrics.WORKER, worker.name()).description("Background worker threads of the pool")
                .register(meters);
        workers.add(worker);
        registerKnobs();
        return worker.start();
    }

    private void registerKnobs() {
        if (knobsRegistered) {
            return;
        }
        knobsRegistered = true;
        tuning.register(Knob.newBuilder(KnobNames.WORKERS_POOL_SIZE).unit("threads").range(1, 64)
                .description("Worker threads of each background queue")
                .reader(() -> poolSize).writer(v -> {
                    poolSize = (int) v;
                    workers.forEach(w -> w.setPoolSize((int) v));
                }).build());
        tuning.register(Knob.newBuilder(KnobNames.WORKERS_QUEUE_CAPACITY).unit("items").range(1, 1_000_000)
                .description("Items each background queue holds before it refuses more")
                .reader(() -> queueCapacity).writer(v -> {
                    queueCapacity = (int) v;
                    workers.forEach(w -> w.setCapacity((int) v));
                }).build());
    }

    /** The running workers, in start order. */
    public List<BatchWorker<?>> workers() {
        return List.copyOf(workers);
    }

    @PreDestroy
    void stop() {
        for (BatchWorker<?> worker : workers) {
            worker.stop(Duration.ofSeconds(5));
        }
    }
}
