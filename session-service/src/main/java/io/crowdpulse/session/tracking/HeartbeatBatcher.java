package io.crowdpulse.session.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.session.config.SessionsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Coalesces the heartbeats of concurrent requests into shared Redis writes. With no write in flight a
 * request's heartbeats go out at once; while {@code ingest-writes-in-flight} writes are in flight, newcomers
 * wait and leave together in the next one.
 * <p>
 * A request is answered either when Redis holds its heartbeats ({@link Answer#WHEN_WRITTEN}, batches) or as
 * soon as they are queued for the next write ({@link Answer#WHEN_QUEUED}, single heartbeats). Answering a
 * single heartbeat before its write is what lets many heartbeats share one write: a client that waited for
 * Redis would hold its connection, and with it the next heartbeat, for the whole round trip. What is
 * answered before it is written is never dropped: at most {@code ingest-unwritten-max} heartbeats at once
 * (past that, a heartbeat waits until a write frees room), retried after a failed write until Redis takes
 * them, and written before the service stops. Only a crash of the process loses them, a few milliseconds'
 * worth, as a crash of Redis loses what it has not persisted.
 * <p>
 * {@link #written()} orders reads and session ends after the heartbeats answered before them, so a count
 * asked of this instance after a 202 includes that heartbeat.
 */
@ApplicationScoped
public class HeartbeatBatcher {

    private static final Logger LOG = Logger.getLogger(HeartbeatBatcher.class);

    static final int MAX_HEARTBEATS_PER_WRITE = 4000;
    /** A write is stamped with the receive time of its oldest heartbeat; the others were received within this. */
    static final long MAX_SPREAD_MILLIS = 100;
    static final long FIRST_RETRY_MILLIS = 50;
    static final long MAX_RETRY_MILLIS = 1000;
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(5);

    /** When a request is answered. */
    public enum Answer {
        WHEN_QUEUED, WHEN_WRITTEN
    }

    /** Writes heartbeats received at one time to Redis: {@link ActivityTracker#track} outside tests. */
    @FunctionalInterface
    interface Writer {
        Uni<Integer> write(List<Heartbeat> heartbeats, long receivedAtMillis);
    }

    /** Runs a task after a delay: a Vert.x timer outside tests. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(long delayMillis, Runnable task);
    }

    /**
     * One request's heartbeats. {@code reply} is null once the request was answered (the heartbeats must then
     * be retried until written); a barrier has no heartbeats and completes its reply when everything queued
     * before it is written.
     */
    private record Pending(List<Heartbeat> heartbeats, long receivedAt, CompletableFuture<Integer> reply,
            boolean barrier) {

        boolean answered() {
            return reply == null;
        }
    }

    /** One write; seq orders writes as they were taken from the queue. */
    private record Write(long seq, List<Pending> pendings, List<Heartbeat> heartbeats, long receivedAt) {
    }

    private final Writer writer;
    private final Clock clock;
    private final Scheduler scheduler;
    private final int maxInFlight;
    private final int maxUnwritten;

    private final Deque<Pending> queue = new ConcurrentLinkedDeque<>();
    /** Single heartbeats that found no room under the limit of unwritten ones: answered as room frees. */
    private final Deque<Pending> waitingForRoom = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Heartbeats answered and not yet written. */
    private final AtomicInteger unwritten = new AtomicInteger();
    /** The last write failed: nothing is answered before it is written until one succeeds. */
    private volatile boolean failing;
    /** After a failed write, no write leaves before this time (a scheduled drain ends the pause). */
    private volatile long pausedUntil;
    private final Counter failedWrites;

    // Guarded by this: taking from the queue, and which writes are complete.
    private long lastSeq;
    private long completeThrough;
    private long retryDelay = FIRST_RETRY_MILLIS;
    private final TreeSet<Long> completeAbove = new TreeSet<>();
    private final List<Write> writesWithBarriers = new ArrayList<>();

    @Inject
    public HeartbeatBatcher(ActivityTracker tracker, SessionsConfig config, Clock clock, Vertx vertx,
            MeterRegistry registry) {
        this(tracker::track, config.ingestWritesInFlight(), config.ingestUnwrittenMax(), clock,
                (delay, task) -> vertx.setTimer(delay, id -> task.run()), registry);
    }

    HeartbeatBatcher(Writer writer, int maxInFlight, int maxUnwritten, Clock clock, Scheduler scheduler,
            MeterRegistry registry) {
        this.writer = writer;
        this.maxInFlight = maxInFlight;
        this.maxUnwritten = maxUnwritten;
        this.clock = clock;
        this.scheduler = scheduler;
        Gauge.builder("crowdpulse.ingest.unwritten", unwritten, AtomicInteger::get)
                .description("Heartbeats answered 202 and not yet written to Redis").register(registry);
        this.failedWrites = Counter.builder("crowdpulse.ingest.failed.writes")
                .description("Heartbeat writes Redis failed; answered heartbeats in them are retried")
                .register(registry);
    }

    /** Records the heartbeats; the result is how many, once they are queued or written as {@code answer} says. */
    public CompletableFuture<Integer> submit(List<Heartbeat> heartbeats, Answer answer) {
        long now = clock.millis();
        int n = heartbeats.size();
        boolean early = answer == Answer.WHEN_QUEUED && !failing && maxUnwritten > 0;
        if (early && reserve(n)) {
            queue.addLast(new Pending(heartbeats, now, null, false));
            drain();
            return CompletableFuture.completedFuture(n);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        if (early) {
            // No room: wait for the next write to free some (a few milliseconds), not for a write of its own
            // behind everything queued.
            waitingForRoom.addLast(new Pending(heartbeats, now, reply, false));
            if (failing) {
                // A write failed meanwhile and may have refused the waiting ones before this one came.
                Throwable failed = ProblemException.unavailable(
                        "Redis is failing; nothing was recorded, send it again");
                refuseWaiting().forEach(p -> p.reply().completeExceptionally(failed));
                return reply;
            }
            List<Pending> admitted = admitWaiting(); // room may have freed meanwhile
            drain();
            admitted.forEach(p -> p.reply().complete(p.heartbeats().size()));
            return reply;
        }
        queue.addLast(new Pending(heartbeats, now, reply, false));
        drain();
        return reply;
    }

    /** Completes once every heartbeat submitted before this call has been written (or its write failed). */
    public CompletionStage<Void> written() {
        if (queue.isEmpty() && inFlight.get() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        queue.addLast(new Pending(List.of(), clock.millis(), reply, true));
        drain();
        return reply.thenApply(n -> null);
    }

    /** {@link #written()} as a Uni, for the reactive callers. */
    public Uni<Void> afterWritten() {
        return Uni.createFrom().completionStage(this::written);
    }

    /** Heartbeats answered and not yet written, now. */
    int unwritten() {
        return unwritten.get();
    }

    void writeBeforeStopping(@Observes ShutdownEvent event) {
        long deadline = clock.millis() + SHUTDOWN_FLUSH.toMillis();
        while (unwritten.get() > 0 && clock.millis() < deadline) {
            try {
                written().toCompletableFuture().get(Math.max(1, deadline - clock.millis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                break;
            }
        }
        if (unwritten.get() > 0) {
            LOG.warnf("Stopping with %d answered heartbeats that Redis did not take", unwritten.get());
        }
    }

    private boolean reserve(int n) {
        if (unwritten.addAndGet(n) <= maxUnwritten) {
            return true;
        }
        unwritten.addAndGet(-n);
        return false;
    }

    private void drain() {
        while (!queue.isEmpty()) {
            if (pausedUntil != 0 && clock.millis() < pausedUntil) {
                return; // the drain scheduled when the write failed ends the pause
            }
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return; // the write in flight drains the queue when it completes
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Write write = take();
            if (write == null) {
                inFlight.decrementAndGet();
                continue;
            }
            send(write);
        }
    }

    /** The next write: the oldest pendings, up to a size and a spread of receive times. */
    private synchronized Write take() {
        List<Pending> pendings = new ArrayList<>();
        List<Heartbeat> heartbeats = new ArrayList<>();
        long first = 0;
        Pending next;
        while (heartbeats.size() < MAX_HEARTBEATS_PER_WRITE && (next = queue.peekFirst()) != null) {
            if (pendings.isEmpty()) {
                first = next.receivedAt();
            } else if (next.receivedAt() - first > MAX_SPREAD_MILLIS) {
                break;
            }
            queue.pollFirst(); // the same element: only take() and requeueAnswered() touch the head, under this lock
            pendings.add(next);
            heartbeats.addAll(next.heartbeats());
        }
        if (pendings.isEmpty()) {
            return null;
        }
        Write write = new Write(++lastSeq, pendings, heartbeats, first);
        if (pendings.stream().anyMatch(Pending::barrier)) {
            writesWithBarriers.add(write);
        }
        return write;
    }

    private void send(Write write) {
        if (write.heartbeats().isEmpty()) {
            finished(write, null);
            return;
        }
        writer.write(write.heartbeats(), write.receivedAt()).subscribe().with(
                ok -> finished(write, null),
                failure -> finished(write, failure));
    }

    private void finished(Write write, Throwable failure) {
        List<Pending> admitted = List.of();
        List<Pending> refused = List.of();
        if (failure == null) {
            if (!write.heartbeats().isEmpty()) {
                succeeded(); // a write of barriers alone says nothing about Redis
            }
            for (Pending p : write.pendings()) {
                if (p.answered()) {
                    unwritten.addAndGet(-p.heartbeats().size());
                }
            }
            admitted = admitWaiting();
        } else {
            failedWrites.increment();
            requeueAnswered(write);
            refused = refuseWaiting();
            long delay = pause();
            scheduler.schedule(delay, () -> {
                pausedUntil = 0;
                drain();
            });
            LOG.debugf(failure, "A write of %d heartbeats failed; answered ones are retried in %d ms",
                    write.heartbeats().size(), delay);
        }
        // The next write leaves first: answering this one's requests takes a while, and Redis would sit idle.
        inFlight.decrementAndGet();
        drain();
        for (Pending p : write.pendings()) {
            if (!p.barrier() && !p.answered()) {
                if (failure == null) {
                    p.reply().complete(p.heartbeats().size());
                } else {
                    p.reply().completeExceptionally(failure);
                }
            }
        }
        admitted.forEach(p -> p.reply().complete(p.heartbeats().size()));
        refused.forEach(p -> p.reply().completeExceptionally(failure));
        for (Pending barrier : complete(write.seq())) {
            barrier.reply().complete(0);
        }
    }

    /**
     * Queues the single heartbeats waiting for room, oldest first, as far as there is room now; returns them,
     * for the caller to answer.
     */
    private List<Pending> admitWaiting() {
        if (waitingForRoom.isEmpty()) {
            return List.of();
        }
        List<Pending> admitted = new ArrayList<>();
        synchronized (waitingForRoom) {
            Pending next;
            while ((next = waitingForRoom.peekFirst()) != null && reserve(next.heartbeats().size())) {
                waitingForRoom.pollFirst();
                queue.addLast(new Pending(next.heartbeats(), next.receivedAt(), null, false));
                admitted.add(next);
            }
        }
        return admitted;
    }

    /** After a failed write, the heartbeats waiting for room are not taken: their senders are told so. */
    private List<Pending> refuseWaiting() {
        List<Pending> refused = new ArrayList<>();
        Pending next;
        while ((next = waitingForRoom.pollFirst()) != null) {
            refused.add(next);
        }
        return refused;
    }

    private synchronized void succeeded() {
        failing = false;
        pausedUntil = 0;
        retryDelay = FIRST_RETRY_MILLIS;
    }

    /** After a failed write: the pause before the next, doubling up to a limit while writes keep failing. */
    private synchronized long pause() {
        long delay = retryDelay;
        retryDelay = Math.min(2 * delay, MAX_RETRY_MILLIS);
        failing = true;
        pausedUntil = clock.millis() + delay;
        return delay;
    }

    /** Puts the answered heartbeats of a failed write back at the head of the queue, in their order. */
    private synchronized void requeueAnswered(Write write) {
        List<Pending> pendings = write.pendings();
        for (int i = pendings.size() - 1; i >= 0; i--) {
            if (pendings.get(i).answered()) {
                queue.addFirst(pendings.get(i));
            }
        }
    }

    /** Marks a write complete; returns the barriers now released (all writes up to theirs are complete). */
    private synchronized List<Pending> complete(long seq) {
        completeAbove.add(seq);
        while (!completeAbove.isEmpty() && completeAbove.first() == completeThrough + 1) {
            completeThrough = completeAbove.pollFirst();
        }
        if (writesWithBarriers.isEmpty()) {
            return List.of();
        }
        List<Pending> released = new ArrayList<>();
        writesWithBarriers.removeIf(w -> {
            if (w.seq() > completeThrough) {
                return false;
            }
            w.pendings().stream().filter(Pending::barrier).forEach(released::add);
            return true;
        });
        return released;
    }
}
