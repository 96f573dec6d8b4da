package io.crowdpulse.session.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Coalesces the heartbeats of concurrent requests into shared Redis round trips. With no write in flight
 * a request goes out at once (no added latency when idle); while {@value #MAX_IN_FLIGHT} writes are in
 * flight, newcomers wait and leave together in the next one. Each request completes only when Redis
 * holds its heartbeats, so a 202 never covers anything that could still be lost.
 */
@ApplicationScoped
public class HeartbeatBatcher {

    static final int MAX_IN_FLIGHT = 4;
    static final int MAX_HEARTBEATS_PER_WRITE = 4000;

    private record Pending(List<Heartbeat> heartbeats, UniEmitter<? super Integer> emitter) {
    }

    private final ActivityTracker tracker;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public HeartbeatBatcher(ActivityTracker tracker) {
        this.tracker = tracker;
    }

    /** Records the heartbeats; the result is how many, once they are in Redis. */
    public Uni<Integer> submit(List<Heartbeat> heartbeats) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(heartbeats, emitter));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int current = inFlight.get();
            if (current >= MAX_IN_FLIGHT) {
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
        List<Heartbeat> all = new ArrayList<>();
        for (Pending p : batch) {
            all.addAll(p.heartbeats());
        }
        tracker.track(all).subscribe().with(
                written -> {
                    inFlight.decrementAndGet();
                    batch.forEach(p -> p.emitter().complete(p.heartbeats().size()));
                    drain();
                },
                failure -> {
                    inFlight.decrementAndGet();
                    batch.forEach(p -> p.emitter().fail(failure));
                    drain();
                });
    }
}
