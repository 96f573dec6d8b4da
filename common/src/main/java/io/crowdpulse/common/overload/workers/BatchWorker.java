package io.crowdpulse.common.overload.workers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Background work on a bounded queue: {@link #offer} never blocks (a full queue refuses the item, and
 * the caller decides what a refusal means); a pool of worker threads takes items in batches and hands
 * them to a {@link BatchHandler}, retrying a failed batch with exponential backoff and jitter until it
 * succeeds or {@code maxAttempts} is reached. Queue capacity and pool size change at runtime.
 */
public final class BatchWorker<T> implements AutoCloseable {

    private final String name;
    private final BatchHandler<T> handler;
    private final BiConsumer<List<T>, Exception> onGiveUp;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final int batchSize;
    private final int maxAttempts;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger threadSeq = new AtomicInteger();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private volatile int capacity;
    private volatile int poolSize;
    private volatile boolean stopping;
    private volatile boolean started;

    private BatchWorker(Builder<T> b) {
        this.name = b.name;
        this.handler = b.handler;
        this.onGiveUp = b.onGiveUp;
        this.backoff = b.backoff;
        this.sleeper = b.sleeper;
        this.batchSize = b.batchSize;
        this.maxAttempts = b.maxAttempts;
        this.capacity = b.capacity;
        this.poolSize = b.poolSize;
    }

    public static <T> Builder<T> newBuilder(String name, BatchHandler<T> handler) {
        return new Builder<>(name, handler);
    }

    /** Starts the worker threads. */
    public BatchWorker<T> start() {
        lock.lock();
        try {
            started = true;
            growPool();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Queues {@code item}; false (and counted as rejected) when the queue is full or the worker stopped. */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (stopping || queue.size() >= capacity) {
                rejected.increment();
                return false;
            }
            queue.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Changes the number of worker threads; extra threads leave after their current batch. */
    public void setPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1, got " + size);
        }
        lock.lock();
        try {
            poolSize = size;
            if (started) {
                growPool();
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Changes the queue capacity; items already queued beyond it stay and are worked off. */
    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    private void growPool() {
        while (!stopping && threads.size() < poolSize) {
            Thread t = new Thread(this::run, name + "-" + threadSeq.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run() {
        try {
            List<T> batch;
            while ((batch = take()) != null) {
                active.incrementAndGet();
                try {
                    process(batch);
                } finally {
                    active.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.remove(Thread.currentThread());
        }
    }

    /** The next batch, waiting for one; null when this thread should leave (stopping, or the pool shrank). */
    private List<T> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (threads.size() > poolSize) {
                    threads.remove(Thread.currentThread());
                    return null;
                }
                if (!queue.isEmpty()) {
                    int n = Math.min(batchSize, queue.size());
                    List<T> batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        batch.add(queue.pollFirst());
                    }
                    return batch;
                }
                if (stopping) {
                    return null;
                }
                notEmpty.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void process(List<T> batch) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                handler.handle(batch);
                processed.add(batch.size());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (maxAttempts > 0 && attempt >= maxAttempts) {
                    failed.add(batch.size());
                    onGiveUp.accept(batch, e);
                    return;
                }
                retries.increment();
                sleeper.sleep(backoff.delayMillis(attempt));
            }
        }
    }

    /** Stops taking items, lets the threads work off the queue for up to {@code timeout}, then interrupts them. */
    public void stop(Duration timeout) {
        lock.lock();
        try {
            stopping = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : List.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    public String name() {
        return name;
    }

    /** Items waiting. */
    public int queueSize() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Threads working on a batch now. */
    public int activeWorkers() {
        return active.get();
    }

    /** Threads the pool should have. */
    public int poolSize() {
        return poolSize;
    }

    /** Threads alive now (differs from {@link #poolSize()} briefly after a change). */
    public int threads() {
        return threads.size();
    }

    public long processed() {
        return processed.sum();
    }

    /** Items given up on after {@code maxAttempts}. */
    public long failed() {
        return failed.sum();
    }

    /** Items refused because the queue was full. */
    public long rejected() {
        return rejected.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** Builds a {@link BatchWorker}; every setter checks its argument. */
    public static final class Builder<T> {
        private final String name;
        private final BatchHandler<T> handler;
        private BiConsumer<List<T>, Exception> onGiveUp = (batch, e) -> { };
        private Backoff backoff = Backoff.newBuilder().build();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private int batchSize = 100;
        private int maxAttempts = 0;
        private int capacity = 10_000;
        private int poolSize = 1;

        private Builder(String name, BatchHandler<T> handler) {
            if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("worker name must be 1-64 of [a-z0-9-]: " + name);
            }
            this.name = name;
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        public Builder<T> capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        public Builder<T> poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("pool size must be >= 1, got " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** Most items handed to the handler at once. */
        public Builder<T> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Attempts per batch before it is given up; 0 retries until it succeeds. */
        public Builder<T> maxAttempts(int maxAttempts) {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("max attempts must be >= 0, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder<T> backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Called with a batch given up after {@code maxAttempts}, and the last failure. */
        public Builder<T> onGiveUp(BiConsumer<List<T>, Exception> onGiveUp) {
            this.onGiveUp = Objects.requireNonNull(onGiveUp, "onGiveUp");
            return this;
        }

        /** The worker, not started yet. */
        public BatchWorker<T> build() {
            return new BatchWorker<>(this);
        }
    }
}
