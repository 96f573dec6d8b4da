package io.crowdpulse.session.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.config.SessionsConfig;


/**
 * Coalesces the heartbeats of concurrent requests into shared Redis round trips. With no write in flight
 * a request goes out at once (no added latency when idle); while {@code ingest-writes-in-flight} writes are
 * in flight, newcomers wait and leave together in the next one. Fewer writes in flight make each carry more
 * heartbeats per partition, which costs Redis less per heartbeat. Each request completes only when Redis
 * holds its heartbeats, so a 202 never covers anything that could still be lost. Requests wait on plain
 * futures: one reactive pipeline per write, none per request.
 */
@ApplicationScoped
public class HeartbeatBatcher {

    static final int MAX_HEARTBEATS_PER_WRITE = 4000;

    private record Pending(List<Heartbeat> heartbeats, CompletableFuture<Integer> done) {
    }

    private final ActivityTracker tracker;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private final int maxInFlight;

    public HeartbeatBatcher(ActivityTracker tracker, SessionsConfig config) {
        this.tracker = tracker;
        this.maxInFlight = config.ingestWritesInFlight();
    }

    /** Records the heartbeats; the result is how many, once they are in Redis. */
    public CompletableFuture<Integer> submit(List<Heartbeat> heartbeats) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        queue.add(new Pending(heartbeats, done));
        drain();
        return done;
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return; // the write in flight drains the queue when it completes
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            List<Pending> batch = take();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            write(batch);
        }
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int heartbeats = 0;
        Pending next;
        while (heartbeats < MAX_HEARTBEATS_PER_WRITE && (next = queue.poll()) != null) {
            batch.add(next);
            heartbeats += next.heartbeats().size();
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        List<Heartbeat> all;
        if (batch.size() == 1) {
            all = batch.get(0).heartbeats();
        } else {
            all = new ArrayList<>();
            for (Pending p : batch) {
                all.addAll(p.heartbeats());
            }
        }
        tracker.track(all).subscribe().with(
                written -> {
                    // The next write leaves first: answering this one's requests takes a while, and Redis
                    // would sit idle meanwhile.
                    inFlight.decrementAndGet();
                    drain();
                    batch.forEach(p -> p.done().complete(p.heartbeats().size()));
                },
                failure -> {
                    inFlight.decrementAndGet();
                    drain();
                    batch.forEach(p -> p.done().completeExceptionally(failure));
                });
    }
}
