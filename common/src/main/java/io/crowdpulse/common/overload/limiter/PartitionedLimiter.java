package io.crowdpulse.common.overload.limiter;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;

/**
 * An adaptive concurrency limit split into partitions. A Netflix {@link Limit} (Gradient2 or Vegas)
 * learns the limit from the latency of admitted requests; ingest and query each have a guaranteed share
 * of it and may borrow what the other leaves unused: a request is shed when the total in flight is over
 * the limit and its own partition is over its share. Each limited partition may also have a ceiling of its
 * own, a fixed bound on what it holds whatever the algorithm learned: one limit learns from the latency of
 * every request, and a partition of few, expensive requests (long-range history reads) is best held near
 * the number of cores without narrowing the cheap, coalesced ingest beside it. Admin requests are counted
 * and never shed.
 *
 * <p>Lock-free on the request path ({@link #tryAcquire} and {@link #release} touch atomics only; the
 * algorithm's own sample update is a short synchronized block). Bounds, algorithm and shares change at
 * runtime; a new algorithm starts from the current limit.
 */
public final class PartitionedLimiter {

    /** What {@link #tryAcquire} returns when the request is shed. */
    public static final int REJECTED = -1;

    /**
     * Latencies below this are sampled as this. A request answered in a fraction of a millisecond (a heartbeat
     * queued for the next write) swings between 0.1 and 0.9 ms with a GC pause or a busy core; sampled as is,
     * that reads as latency growing ninefold, the gradient halves the limit, and shedding at a full
     * concurrency starves what is left. Under a millisecond nothing is queueing.
     */
    static final long MIN_SAMPLE_NANOS = 1_000_000;

    /** How an admitted request ended, as the algorithm should learn from it. */
    public enum Outcome {
        /** Answered: its latency is a sample. */
        SUCCESS,
        /** Failed for a reason that says nothing about load (a 5xx): no sample. */
        IGNORE,
        /** Timed out or was abandoned: a sample that tells the algorithm to back off. */
        DROPPED
    }

    private static final Partition[] PARTITIONS = Partition.values();

    private final LongSupplier nanoClock;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger[] partitionInflight = new AtomicInteger[PARTITIONS.length];
    private final LongAdder[] shed = new LongAdder[PARTITIONS.length];
    private final LongAdder[] admitted = new LongAdder[PARTITIONS.length];
    private volatile double ingestShare;
    private volatile double queryShare;
    private volatile LimitAlgorithm algorithm;
    private volatile Limit limit;
    private volatile int minLimit;
    private volatile int maxLimit;
    private volatile int currentLimit;
    private volatile int ingestGuaranteed;
    private volatile int queryGuaranteed;
    private volatile int ingestCeiling = Integer.MAX_VALUE;
    private volatile int queryCeiling = Integer.MAX_VALUE;

    private PartitionedLimiter(Builder b) {
        this.nanoClock = b.nanoClock;
        for (int i = 0; i < PARTITIONS.length; i++) {
            partitionInflight[i] = new AtomicInteger();
            shed[i] = new LongAdder();
            admitted[i] = new LongAdder();
        }
        this.ingestShare = b.ingestShare;
        this.queryShare = b.queryShare;
        this.algorithm = b.algorithm;
        this.minLimit = b.minLimit;
        this.maxLimit = b.maxLimit;
        this.limit = b.algorithm.create(clamp(b.initialLimit), b.minLimit, b.maxLimit);
        updateLimit(limit.getLimit());
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Admits a request of {@code partition} or sheds it. Returns the number in flight including this
     * request (pass it to {@link #release}), or {@link #REJECTED}.
     */
    public int tryAcquire(Partition partition) {
        int p = partition.ordinal();
        if (partition == Partition.ADMIN) {
            partitionInflight[p].incrementAndGet();
            admitted[p].increment();
            return inflight.get() + 1;
        }
        int total = inflight.incrementAndGet();
        int own = partitionInflight[p].incrementAndGet();
        if (own > ceiling(partition) || (total > currentLimit && own > guaranteed(partition))) {
            inflight.decrementAndGet();
            partitionInflight[p].decrementAndGet();
            shed[p].increment();
            return REJECTED;
        }
        admitted[p].increment();
        return total;
    }

    /** Whether a request of {@code partition} would be admitted now, without holding a place (long-lived streams). */
    public boolean wouldAdmit(Partition partition) {
        int p = partition.ordinal();
        if (partition == Partition.ADMIN) {
            return true;
        }
        int own = partitionInflight[p].get() + 1;
        if (own > ceiling(partition) || (inflight.get() + 1 > currentLimit && own > guaranteed(partition))) {
            shed[p].increment();
            return false;
        }
        admitted[p].increment();
        return true;
    }

    /** Ends an admitted request that started at {@code startNanos} (of this limiter's clock). */
    public void release(Partition partition, long startNanos, int inflightAtStart, Outcome outcome) {
        partitionInflight[partition.ordinal()].decrementAndGet();
        if (partition == Partition.ADMIN) {
            return;
        }
        inflight.decrementAndGet();
        if (outcome == Outcome.IGNORE) {
            return;
        }
        Limit current = limit;
        long rtt = Math.max(MIN_SAMPLE_NANOS, nanoClock.getAsLong() - startNanos);
        current.onSample(startNanos, rtt, inflightAtStart, outcome == Outcome.DROPPED);
        int learned = current.getLimit();
        if (learned != currentLimit) {
            updateLimit(learned);
        }
    }

    /** The clock {@code startNanos} must come from. */
    public long nanoTime() {
        return nanoClock.getAsLong();
    }

    /** Changes the bounds (and the algorithm); the new algorithm starts from the current limit, clamped. */
    public synchronized void reconfigure(LimitAlgorithm newAlgorithm, int newMin, int newMax) {
        checkBounds(newMin, newMax);
        Objects.requireNonNull(newAlgorithm, "algorithm");
        this.minLimit = newMin;
        this.maxLimit = newMax;
        this.algorithm = newAlgorithm;
        this.limit = newAlgorithm.create(clamp(currentLimit), newMin, newMax);
        updateLimit(limit.getLimit());
    }

    /** Sets the guaranteed share (0..1) of the limit of a limited partition. */
    public synchronized void setShare(Partition partition, double share) {
        if (partition == Partition.ADMIN) {
            throw new IllegalArgumentException("admin requests are never shed and have no share");
        }
        checkShare(share);
        if (partition == Partition.INGEST) {
            ingestShare = share;
        } else {
            queryShare = share;
        }
        updateLimit(currentLimit);
    }

    /**
     * Sets the most requests of a limited partition in flight at once, whatever the learned limit
     * ({@link Integer#MAX_VALUE}: none).
     */
    public void setCeiling(Partition partition, int ceiling) {
        if (partition == Partition.ADMIN) {
            throw new IllegalArgumentException("admin requests are never shed and have no ceiling");
        }
        if (ceiling < 1) {
            throw new IllegalArgumentException("ceiling must be >= 1, got " + ceiling);
        }
        if (partition == Partition.INGEST) {
            ingestCeiling = ceiling;
        } else {
            queryCeiling = ceiling;
        }
    }

    /** The most requests of {@code partition} in flight at once ({@link Integer#MAX_VALUE}: none, and for admin). */
    public int ceiling(Partition partition) {
        return switch (partition) {
            case INGEST -> ingestCeiling;
            case QUERY -> queryCeiling;
            case ADMIN -> Integer.MAX_VALUE;
        };
    }

    /** Not locked: it runs on event loops whenever the algorithm moves; a racing update is corrected by the next. */
    private void updateLimit(int learned) {
        int bounded = clamp(learned);
        currentLimit = bounded;
        ingestGuaranteed = (int) Math.floor(bounded * ingestShare);
        queryGuaranteed = (int) Math.floor(bounded * queryShare);
    }

    private int clamp(int value) {
        return Math.max(minLimit, Math.min(maxLimit, value));
    }

    public int limit() {
        return currentLimit;
    }

    public int minLimit() {
        return minLimit;
    }

    public int maxLimit() {
        return maxLimit;
    }

    public LimitAlgorithm algorithm() {
        return algorithm;
    }

    /** Requests in flight that count against the limit (ingest and query). */
    public int inflight() {
        return inflight.get();
    }

    public int inflight(Partition partition) {
        return partitionInflight[partition.ordinal()].get();
    }

    /** The part of the limit {@code partition} always gets, even while others borrow; 0 for admin. */
    public int guaranteed(Partition partition) {
        return switch (partition) {
            case INGEST -> ingestGuaranteed;
            case QUERY -> queryGuaranteed;
            case ADMIN -> 0;
        };
    }

    /** The guaranteed share (0..1) of a limited partition; 0 for admin. */
    public double share(Partition partition) {
        return switch (partition) {
            case INGEST -> ingestShare;
            case QUERY -> queryShare;
            case ADMIN -> 0;
        };
    }

    public long shed(Partition partition) {
        return shed[partition.ordinal()].sum();
    }

    public long admitted(Partition partition) {
        return admitted[partition.ordinal()].sum();
    }

    /** Shed requests of every partition. */
    public long shedTotal() {
        long total = 0;
        for (LongAdder s : shed) {
            total += s.sum();
        }
        return total;
    }

    /** Admitted requests of every partition. */
    public long admittedTotal() {
        long total = 0;
        for (LongAdder a : admitted) {
            total += a.sum();
        }
        return total;
    }

    private static void checkBounds(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("limits must satisfy 1 <= min <= max, got min " + min + " max " + max);
        }
    }

    private static void checkShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within 0..1, got " + share);
        }
    }

    /** Builds a {@link PartitionedLimiter}; every setter checks its argument. */
    public static final class Builder {
        private LimitAlgorithm algorithm = LimitAlgorithm.GRADIENT2;
        private int initialLimit = 100;
        private int minLimit = 10;
        private int maxLimit = 1000;
        private double ingestShare = 0.5;
        private double queryShare = 0.3;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        public Builder algorithm(LimitAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        public Builder initialLimit(int initialLimit) {
            if (initialLimit < 1) {
                throw new IllegalArgumentException("initial limit must be >= 1, got " + initialLimit);
            }
            this.initialLimit = initialLimit;
            return this;
        }

        public Builder limits(int min, int max) {
            checkBounds(min, max);
            this.minLimit = min;
            this.maxLimit = max;
            return this;
        }

        public Builder ingestShare(double share) {
            checkShare(share);
            this.ingestShare = share;
            return this;
        }

        public Builder queryShare(double share) {
            checkShare(share);
            this.queryShare = share;
            return this;
        }

        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        public PartitionedLimiter build() {
            return new PartitionedLimiter(this);
        }
    }
}
