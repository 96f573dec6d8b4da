package io.crowdpulse.common.overload;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.overload.workers.Backoff;
import io.crowdpulse.common.overload.workers.BatchWorker;

class BatchWorkerTest {

    @Test
    void shouldGrowExponentiallyUpToTheCapWithJitterTakenOff() {
        Backoff none = Backoff.newBuilder().base(Duration.ofMillis(100)).max(Duration.ofSeconds(1)).jitter(0).build();
        assertEquals(100, none.delayMillis(1));
        assertEquals(200, none.delayMillis(2));
        assertEquals(800, none.delayMillis(4));
        assertEquals(1000, none.delayMillis(5));
        assertEquals(1000, none.delayMillis(1000));
        Backoff half = Backoff.newBuilder().base(Duration.ofMillis(100)).max(Duration.ofSeconds(1)).jitter(0.5)
                .random(() -> 0.5).build();
        assertEquals(300, half.delayMillis(3));
        Backoff full = Backoff.newBuilder().base(Duration.ofMillis(100)).max(Duration.ofSeconds(1)).jitter(1)
                .random(() -> 0.999).build();
        assertTrue(full.delayMillis(2) <= 1);
        assertThrows(IllegalArgumentException.class, () -> none.delayMillis(0));
        assertThrows(IllegalArgumentException.class, () -> Backoff.newBuilder().jitter(2));
    }

    @Test
    void shouldHandItemsInBatchesAndRefuseWhenFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        BatchWorker<Integer> worker = BatchWorker.<Integer>newBuilder("test-batches", batch -> {
            release.await();
            sizes.add(batch.size());
        }).capacity(10).batchSize(4).build().start();
        try {
            for (int i = 0; i < 11; i++) {
                worker.offer(i);
            }
            // One item may be in hand already; the queue holds at most ten.
            assertTrue(worker.queueSize() <= 10);
            assertTrue(worker.rejected() >= 1);
            release.countDown();
            awaitTrue(() -> worker.processed() + worker.rejected() == 11);
            assertTrue(sizes.stream().allMatch(n -> n <= 4), "batches " + sizes);
        } finally {
            worker.close();
        }
    }

    @Test
    void shouldRetryAFailedBatchWithBackoffThenGiveUp() throws Exception {
        List<Long> pauses = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        List<Integer> givenUp = Collections.synchronizedList(new ArrayList<>());
        BatchWorker<Integer> worker = BatchWorker.<Integer>newBuilder("test-retries", batch -> {
            if (calls.incrementAndGet() < 100) {
                throw new IllegalStateException("database down");
            }
        }).maxAttempts(4).backoff(Backoff.newBuilder().base(Duration.ofMillis(10)).max(Duration.ofMillis(25))
                .jitter(0).build()).sleeper(pauses::add).onGiveUp((batch, e) -> givenUp.addAll(batch)).build().start();
        try {
            worker.offer(7);
            awaitTrue(() -> worker.failed() == 1);
            assertEquals(List.of(10L, 20L, 25L), pauses);
            assertEquals(List.of(7), givenUp);
            assertEquals(3, worker.retries());
            assertEquals(0, worker.processed());
        } finally {
            worker.close();
        }
    }

    @Test
    void shouldRetryUntilItSucceedsWhenAttemptsAreUnbounded() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BatchWorker<String> worker = BatchWorker.<String>newBuilder("test-forever", batch -> {
            if (calls.incrementAndGet() < 6) {
                throw new IllegalStateException("not yet");
            }
        }).sleeper(ms -> { }).build().start();
        try {
            worker.offer("x");
            awaitTrue(() -> worker.processed() == 1);
            assertEquals(5, worker.retries());
        } finally {
            worker.close();
        }
    }

    @Test
    void shouldResizePoolAndCapacityAtRuntime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWorker<Integer> worker = BatchWorker.<Integer>newBuilder("test-resize", batch -> release.await())
                .poolSize(1).capacity(3).batchSize(1).build().start();
        try {
            worker.setPoolSize(3);
            for (int i = 0; i < 3; i++) {
                worker.offer(i);
            }
            awaitTrue(() -> worker.activeWorkers() == 3);
            worker.setCapacity(1);
            assertTrue(worker.offer(9));
            assertFalse(worker.offer(10));
            release.countDown();
            worker.setPoolSize(1);
            awaitTrue(() -> worker.threads() == 1 && worker.queueSize() == 0);
            assertEquals(1, worker.poolSize());
        } finally {
            worker.close();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }
}
