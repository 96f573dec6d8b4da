package io.crowdpulse.alerting.notify;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.notify.grouping.GroupFlusher;
import io.crowdpulse.alerting.notify.outbox.Claim;
import io.crowdpulse.alerting.notify.outbox.DeliveryWorker;
import io.crowdpulse.alerting.notify.outbox.OutboxRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves notifications along on this replica: flushes due groups into the outbox, claims due deliveries
 * and hands them to a small pool of senders. It runs every poll interval and whenever something is
 * enqueued or comes due here; other replicas do the same, and the claims keep each piece of work to one.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Wake-ups further ahead than this are left to the poll. */
    private static final Duration MAX_WAKE_AHEAD = Duration.ofMinutes(5);

    private final GroupFlusher flusher;
    private final OutboxRepository outbox;
    private final DeliveryWorker worker;
    private final NotificationsConfig config;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final ThreadPoolExecutor senders;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Dispatcher(GroupFlusher flusher, OutboxRepository outbox, DeliveryWorker worker, NotificationsConfig config,
            Clock clock) {
        if (config.claimTimeout().compareTo(config.sendTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("crowdpulse.alerting.notifications.claim-timeout (" + config.claimTimeout()
                    + ") must be at least twice send-timeout (" + config.sendTimeout()
                    + "), or deliveries still being sent would be claimed and sent again");
        }
        this.flusher = flusher;
        this.outbox = outbox;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "notify-dispatch"));
        AtomicInteger n = new AtomicInteger();
        // Never more claims than free senders, so the queue only absorbs the race between claim and start.
        this.senders = new ThreadPoolExecutor(config.workers(), config.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.workers()), r -> daemon(r, "notify-send-" + n.incrementAndGet()));
    }

    /** Runs a round soon; rounds requested while one is queued are one round. */
    public void nudge() {
        if (queued.compareAndSet(false, true)) {
            try {
                loop.execute(this::round);
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Runs a round at {@code at} (at once if it has passed); far-off times are left to the poll. */
    public void wakeAt(Instant at) {
        long delay = Duration.between(clock.instant(), at).toMillis();
        if (delay <= 0) {
            nudge();
        } else if (delay <= MAX_WAKE_AHEAD.toMillis()) {
            try {
                loop.schedule(this::nudge, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    @Scheduled(every = "${crowdpulse.alerting.notifications.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        nudge();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int purged = outbox.purge(clock.instant().minus(config.retention()));
            if (purged > 0) {
                LOG.infof("Purged %d deliveries older than %s", purged, config.retention());
            }
        } catch (SQLException e) {
            LOG.warnf("Purging old deliveries failed, will retry: %s", e.getMessage());
        }
    }

    private void round() {
        queued.set(false);
        boolean more = false;
        try {
            GroupFlusher.Result flushed = flusher.flushDue();
            more = flushed.groups() >= config.batchSize();
            int free = Math.min(config.batchSize(), config.workers() - inFlight.get());
            if (free > 0) {
                Instant now = clock.instant();
                // Each finished send nudges another round, so claiming only for free senders loses no time.
                outbox.claim(now, now.minus(config.claimTimeout()), free).forEach(this::start);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Notification round failed, will retry: %s", e.getMessage());
        }
        if (more) {
            nudge();
        }
    }

    private void start(Claim claim) {
        inFlight.incrementAndGet();
        try {
            senders.execute(() -> {
                try {
                    worker.deliver(claim).ifPresent(this::wakeAt);
                } finally {
                    inFlight.decrementAndGet();
                    nudge(); // a sender is free: there may be more to claim
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: the claim times out and another replica (or the next start) sends it.
            inFlight.decrementAndGet();
        }
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
        senders.shutdown();
        try {
            // Let sends in flight finish and record their outcome, so they are not sent again after a restart.
            if (!senders.awaitTermination(config.sendTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
