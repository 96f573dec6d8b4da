package io.crowdpulse.session.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.MutableClock;
import io.crowdpulse.session.tracking.HeartbeatBatcher.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** The batching, answering, retrying and ordering rules of {@link HeartbeatBatcher}, with writes held by the test. */
class HeartbeatBatcherTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    /** One write the batcher sent: what it carried, and its outcome, given by the test. */
    private record Sent(List<Heartbeat> heartbeats, long receivedAt, CompletableFuture<Integer> outcome) {

        void succeed() {
            outcome.complete(heartbeats.size());
        }

        void fail() {
            outcome.completeExceptionally(new IllegalStateException("Redis went away"));
        }

        List<String> users() {
            return heartbeats.stream().map(Heartbeat::userId).toList();
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();

    private HeartbeatBatcher batcher(int maxInFlight, int maxUnwritten) {
        return batcher(maxInFlight, maxUnwritten, new MutableClock(START));
    }

    private HeartbeatBatcher batcher(int maxInFlight, int maxUnwritten, Clock clock) {
        return new HeartbeatBatcher((heartbeats, receivedAt) -> {
            Sent s = new Sent(List.copyOf(heartbeats), receivedAt, new CompletableFuture<>());
            sent.add(s);
            return Uni.createFrom().completionStage(s.outcome());
        }, maxInFlight, maxUnwritten, clock, (delay, task) -> scheduled.add(task),
                new SimpleMeterRegistry());
    }

    private static List<Heartbeat> one(String user) {
        return List.of(new Heartbeat(user, "org", user + "-s", "mod", null, null));
    }

    @Test
    void shouldAnswerASingleHeartbeatBeforeItsWriteAndABatchOnlyAfter() {
        HeartbeatBatcher batcher = batcher(4, 100);
        CompletableFuture<Integer> single = batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        CompletableFuture<Integer> batch = batcher.submit(one("ben"), Answer.WHEN_WRITTEN);

        assertEquals(1, single.getNow(-1), "answered at once");
        assertFalse(batch.isDone(), "a batch waits for its write");
        assertEquals(2, sent.size());
        assertEquals(START.toEpochMilli(), sent.get(0).receivedAt(), "stamped with the receive time");
        assertEquals(1, batcher.unwritten());

        sent.get(0).succeed();
        sent.get(1).succeed();
        assertEquals(0, batcher.unwritten());
        assertEquals(1, batch.getNow(-1));
    }

    @Test
    void shouldCoalesceWhatArrivesWhileTheWritesAreInFlight() {
        HeartbeatBatcher batcher = batcher(1, 100);
        batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        batcher.submit(one("ben"), Answer.WHEN_QUEUED);
        batcher.submit(one("cid"), Answer.WHEN_WRITTEN);
        assertEquals(1, sent.size(), "one write in flight at most");

        sent.get(0).succeed();
        assertEquals(2, sent.size());
        assertEquals(List.of("ben", "cid"), sent.get(1).users(), "the next write carries all that waited");
    }

    @Test
    void shouldAnswerPastTheLimitOfUnwrittenHeartbeatsOnlyAsAWriteFreesRoom() {
        HeartbeatBatcher batcher = batcher(1, 2);
        assertTrue(batcher.submit(one("ann"), Answer.WHEN_QUEUED).isDone());
        assertTrue(batcher.submit(one("ben"), Answer.WHEN_QUEUED).isDone());
        CompletableFuture<Integer> cid = batcher.submit(one("cid"), Answer.WHEN_QUEUED);
        CompletableFuture<Integer> dan = batcher.submit(one("dan"), Answer.WHEN_QUEUED);
        assertFalse(cid.isDone(), "two are unwritten already");

        sent.get(0).succeed(); // ann's write frees one place: cid's, the older
        assertEquals(1, cid.getNow(-1));
        assertFalse(dan.isDone());
        assertEquals(List.of("ben", "cid"), sent.get(1).users(), "cid is queued once answered, dan is not");
        assertEquals(2, batcher.unwritten());

        sent.get(1).fail(); // ben and cid are kept for the retry; dan, never answered, learns of the failure
        assertTrue(dan.isCompletedExceptionally());
        assertEquals(2, batcher.unwritten());
        scheduled.get(0).run();
        assertEquals(List.of("ben", "cid"), sent.get(2).users());
        sent.get(2).succeed();
        assertEquals(0, batcher.unwritten());
    }

    @Test
    void shouldRetryAnsweredHeartbeatsAfterAFailedWriteAndFailTheOthers() {
        HeartbeatBatcher batcher = batcher(1, 100);
        batcher.submit(one("ann"), Answer.WHEN_WRITTEN);
        batcher.submit(one("ben"), Answer.WHEN_QUEUED); // answered
        CompletableFuture<Integer> cid = batcher.submit(one("cid"), Answer.WHEN_WRITTEN);
        sent.get(0).succeed();
        assertEquals(List.of("ben", "cid"), sent.get(1).users());

        sent.get(1).fail();
        assertTrue(cid.isCompletedExceptionally(), "a waiting request learns that its write failed");
        assertEquals(1, batcher.unwritten(), "ben was answered: kept");
        // While writes fail, a heartbeat is answered only once written, and nothing leaves before the pause ends.
        CompletableFuture<Integer> dan = batcher.submit(one("dan"), Answer.WHEN_QUEUED);
        assertFalse(dan.isDone());
        assertEquals(2, sent.size());
        assertEquals(1, scheduled.size());

        scheduled.get(0).run();
        assertEquals(List.of("ben", "dan"), sent.get(2).users(), "the retry carries the kept heartbeat first");
        sent.get(2).succeed();
        assertEquals(1, dan.getNow(-1));
        assertEquals(0, batcher.unwritten());
        assertTrue(batcher.submit(one("eve"), Answer.WHEN_QUEUED).isDone(), "answered at once again");
    }

    @Test
    void shouldStayWaryUntilAWriteOfHeartbeatsSucceeds() {
        HeartbeatBatcher batcher = batcher(2, 100);
        batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        sent.get(0).fail();
        scheduled.get(0).run(); // the pause ends: ann's retry leaves
        assertEquals(List.of("ann"), sent.get(1).users());

        // A read leaves through the free place as a write of no heartbeats; that it completes tells nothing of
        // Redis, and the read itself still waits for ann.
        CompletableFuture<Void> read = batcher.written().toCompletableFuture();
        assertFalse(read.isDone());
        CompletableFuture<Integer> ben = batcher.submit(one("ben"), Answer.WHEN_QUEUED);
        assertFalse(ben.isDone(), "still answered only once written");
        sent.get(1).succeed();
        assertTrue(read.isDone());
        assertTrue(batcher.submit(one("cid"), Answer.WHEN_QUEUED).isDone(), "a write of heartbeats succeeded");
        sent.get(2).succeed();
        assertEquals(1, ben.getNow(-1));
    }

    @Test
    void shouldReleaseAReadOnlyOnceEveryWriteBeforeItIsComplete() throws Exception {
        HeartbeatBatcher batcher = batcher(2, 100);
        assertTrue(batcher.written().toCompletableFuture().isDone(), "nothing pending: at once");

        batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        batcher.submit(one("ben"), Answer.WHEN_QUEUED);
        CompletionStage<Void> read = batcher.written();
        assertEquals(2, sent.size());
        assertFalse(read.toCompletableFuture().isDone());

        sent.get(1).succeed();
        assertFalse(read.toCompletableFuture().isDone(), "ann's write is still in flight");
        batcher.submit(one("cid"), Answer.WHEN_QUEUED); // after the read: not waited for
        sent.get(0).succeed();
        assertTrue(read.toCompletableFuture().isDone());
        assertFalse(sent.get(2).outcome().isDone());
    }

    @Test
    void shouldWriteWhatWasAnsweredBeforeStopping() throws Exception {
        HeartbeatBatcher batcher = batcher(1, 100);
        batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> batcher.writeBeforeStopping(null));
        try {
            stopped.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("stopped with an unwritten heartbeat");
        } catch (TimeoutException expected) {
            // still waiting for the write
        }
        sent.get(0).succeed();
        stopped.get(5, TimeUnit.SECONDS);
        assertEquals(0, batcher.unwritten());
    }

    @Test
    void shouldStampAWriteWithTheReceiveTimeOfItsOldestHeartbeat() {
        MutableClock clock = new MutableClock(START);
        HeartbeatBatcher batcher = batcher(1, 100, clock);
        batcher.submit(one("ann"), Answer.WHEN_QUEUED);
        clock.advance(Duration.ofMillis(10));
        batcher.submit(one("ben"), Answer.WHEN_QUEUED);
        clock.advance(Duration.ofMillis(20));
        batcher.submit(one("cid"), Answer.WHEN_QUEUED);
        clock.advance(Duration.ofMillis(HeartbeatBatcher.MAX_SPREAD_MILLIS));
        batcher.submit(one("dan"), Answer.WHEN_QUEUED);
        sent.get(0).succeed();

        assertEquals(List.of("ben", "cid"), sent.get(1).users(), "dan came too long after ben to share his stamp");
        assertEquals(START.toEpochMilli() + 10, sent.get(1).receivedAt());
        sent.get(1).succeed();
        assertEquals(List.of("dan"), sent.get(2).users());
        assertEquals(START.toEpochMilli() + 30 + HeartbeatBatcher.MAX_SPREAD_MILLIS, sent.get(2).receivedAt());
    }
}
