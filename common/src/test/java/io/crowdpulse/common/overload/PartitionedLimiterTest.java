package io.crowdpulse.common.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.overload.limiter.LimitAlgorithm;
import io.crowdpulse.common.overload.limiter.Partition;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter.Outcome;

class PartitionedLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    private PartitionedLimiter limiter(int limit, double ingestShare, double queryShare) {
        return PartitionedLimiter.newBuilder().limits(limit, limit).initialLimit(limit)
                .ingestShare(ingestShare).queryShare(queryShare).nanoClock(nanos::get).build();
    }

    @Test
    void shouldShedOnlyWhenTheTotalIsOverTheLimitAndThePartitionOverItsShare() {
        PartitionedLimiter limiter = limiter(10, 0.5, 0.3);
        assertEquals(5, limiter.guaranteed(Partition.INGEST));
        assertEquals(3, limiter.guaranteed(Partition.QUERY));
        // Queries may borrow the whole limit while ingest is idle...
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire(Partition.QUERY) > 0);
        }
        assertEquals(PartitionedLimiter.REJECTED, limiter.tryAcquire(Partition.QUERY));
        // ...but ingest still gets its guaranteed five.
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(Partition.INGEST) > 0, "ingest " + i);
        }
        assertEquals(PartitionedLimiter.REJECTED, limiter.tryAcquire(Partition.INGEST));
        assertEquals(1, limiter.shed(Partition.QUERY));
        assertEquals(1, limiter.shed(Partition.INGEST));
        assertEquals(15, limiter.inflight());
        assertEquals(10, limiter.inflight(Partition.QUERY));
    }

    @Test
    void shouldHoldAPartitionAtItsCeilingWhateverTheLimitAndLeaveTheOtherAlone() {
        PartitionedLimiter limiter = limiter(100, 0.5, 0.3);
        limiter.setCeiling(Partition.QUERY, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire(Partition.QUERY) > 0, "query " + i);
        }
        assertEquals(PartitionedLimiter.REJECTED, limiter.tryAcquire(Partition.QUERY));
        assertFalse(limiter.wouldAdmit(Partition.QUERY), "a stream neither");
        for (int i = 0; i < 90; i++) {
            assertTrue(limiter.tryAcquire(Partition.INGEST) > 0, "ingest " + i);
        }
        limiter.release(Partition.QUERY, nanos.get(), 3, Outcome.SUCCESS);
        assertTrue(limiter.tryAcquire(Partition.QUERY) > 0, "a place freed below the ceiling");
        assertEquals(3, limiter.ceiling(Partition.QUERY));
        assertEquals(Integer.MAX_VALUE, limiter.ceiling(Partition.INGEST));
        assertThrows(IllegalArgumentException.class, () -> limiter.setCeiling(Partition.QUERY, 0));
        assertThrows(IllegalArgumentException.class, () -> limiter.setCeiling(Partition.ADMIN, 5));
    }

    @Test
    void shouldNeverShedAdminAndNotCountItAgainstTheLimit() {
        PartitionedLimiter limiter = limiter(1, 0, 0);
        assertTrue(limiter.tryAcquire(Partition.QUERY) > 0);
        assertEquals(PartitionedLimiter.REJECTED, limiter.tryAcquire(Partition.INGEST));
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.tryAcquire(Partition.ADMIN) > 0);
        }
        assertEquals(100, limiter.inflight(Partition.ADMIN));
        assertEquals(1, limiter.inflight());
        assertEquals(0, limiter.shed(Partition.ADMIN));
    }

    @Test
    void shouldGiveThePlaceBackOnRelease() {
        PartitionedLimiter limiter = limiter(1, 0, 0);
        int inflight = limiter.tryAcquire(Partition.INGEST);
        assertEquals(PartitionedLimiter.REJECTED, limiter.tryAcquire(Partition.INGEST));
        nanos.addAndGet(1_000_000);
        limiter.release(Partition.INGEST, 0, inflight, Outcome.SUCCESS);
        assertEquals(0, limiter.inflight());
        assertTrue(limiter.tryAcquire(Partition.INGEST) > 0);
    }

    @Test
    void shouldCheckStreamsWithoutHoldingAPlace() {
        PartitionedLimiter limiter = limiter(1, 0, 0);
        assertTrue(limiter.wouldAdmit(Partition.QUERY));
        assertEquals(0, limiter.inflight());
        limiter.tryAcquire(Partition.INGEST);
        assertEquals(false, limiter.wouldAdmit(Partition.QUERY));
        assertEquals(1, limiter.shed(Partition.QUERY));
    }

    @Test
    void shouldKeepTheLearnedLimitWithinNewBoundsAndRecomputeShares() {
        PartitionedLimiter limiter = PartitionedLimiter.newBuilder().limits(10, 1000).initialLimit(100)
                .ingestShare(0.5).queryShare(0.5).nanoClock(nanos::get).build();
        assertEquals(100, limiter.limit());
        limiter.reconfigure(LimitAlgorithm.VEGAS, 1, 20);
        assertEquals(20, limiter.limit());
        assertEquals(LimitAlgorithm.VEGAS, limiter.algorithm());
        assertEquals(10, limiter.guaranteed(Partition.INGEST));
        limiter.setShare(Partition.INGEST, 0.25);
        assertEquals(5, limiter.guaranteed(Partition.INGEST));
        assertThrows(IllegalArgumentException.class, () -> limiter.reconfigure(LimitAlgorithm.GRADIENT2, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> limiter.setShare(Partition.ADMIN, 0.1));
        assertThrows(IllegalArgumentException.class, () -> limiter.setShare(Partition.QUERY, 1.5));
    }

    @Test
    void shouldLowerTheLimitWhenLatencyRises() {
        PartitionedLimiter limiter = PartitionedLimiter.newBuilder().limits(5, 200).initialLimit(100)
                .nanoClock(nanos::get).build();
        // A long run of fast requests at full concurrency, then latency ten times higher.
        answer(limiter, 2000, 1_000_000, 100);
        int before = limiter.limit();
        answer(limiter, 200, 10_000_000, before);
        assertTrue(limiter.limit() < before, "limit " + limiter.limit() + " should fall below " + before);
    }

    @Test
    void shouldNotTakeJitterUnderAMillisecondForCongestion() {
        PartitionedLimiter limiter = PartitionedLimiter.newBuilder().limits(5, 200).initialLimit(100)
                .nanoClock(nanos::get).build();
        // Answers in 0.1 ms, then in 0.9 ms: nine times slower, and still nothing queues.
        answer(limiter, 2000, 100_000, 100);
        int before = limiter.limit();
        answer(limiter, 200, 900_000, before);
        assertTrue(limiter.limit() >= before, "limit " + limiter.limit() + " should stay at " + before);
    }

    /** Ingest requests one after another, each answered in {@code rttNanos} of the test clock. */
    private void answer(PartitionedLimiter limiter, int requests, long rttNanos, int inflight) {
        for (int i = 0; i < requests; i++) {
            long start = nanos.get();
            limiter.tryAcquire(Partition.INGEST);
            nanos.addAndGet(rttNanos);
            limiter.release(Partition.INGEST, start, inflight, Outcome.SUCCESS);
        }
    }

    @Test
    void shouldParseAlgorithmNames() {
        assertEquals(LimitAlgorithm.GRADIENT2, LimitAlgorithm.parse("Gradient2"));
        assertEquals(LimitAlgorithm.VEGAS, LimitAlgorithm.parse(" vegas "));
        assertThrows(IllegalArgumentException.class, () -> LimitAlgorithm.parse("aimd"));
    }
}
