package io.crowdpulse.anomaly.stats;

import java.time.Duration;

/**
 * Statistics of one series over a sliding time window (for example the last 5 minutes), fed one point at a time,
 * with a hard cap on the points kept.
 *
 * <p>A point stays while it is younger than the window (measured from the newest point, or from the time passed to
 * {@link #advanceTo(long)}) and while it is among the newest {@code maxPoints}. Memory is fixed at construction:
 * about {@code 32 × maxPoints} bytes (timestamps, values and the sorted index of {@link SortedWindow}). Each
 * {@link #add} costs O(log n) amortized; {@link #snapshot()} costs O(log n). Not thread-safe.
 */
public final class WindowStats {

    private final long windowMillis;
    private final int maxPoints;
    private final double flatBelowRSquared;
    private final SortedWindow values;
    private final long[] timestamps;
    private final PowerSums moments = new PowerSums();
    private final LeastSquares line = new LeastSquares();
    private int head;
    private long timeReference;
    private int evictionsSinceRebuild;
    private long invalid;

    private WindowStats(Builder builder) {
        this.windowMillis = builder.windowMillis;
        this.maxPoints = builder.maxPoints;
        this.flatBelowRSquared = builder.flatBelowRSquared;
        this.values = SortedWindow.ofCapacity(maxPoints);
        this.timestamps = new long[maxPoints];
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Adds a point, evicting those that fall out of the window. A NaN or infinite value is counted in
     * {@link #invalidCount()} and otherwise ignored.
     *
     * @return whether the point was added
     */
    public boolean add(long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            invalid++;
            return false;
        }
        advanceTo(timestampMillis);
        if (values.isFull()) {
            evictOldest();
        }
        if (values.isEmpty()) {
            head = 0;
            timeReference = timestampMillis;
            moments.reset(value);
            line.reset(0.0, value);
            evictionsSinceRebuild = 0;
        }
        int slot = (head + values.size()) % maxPoints;
        timestamps[slot] = timestampMillis;
        values.add(value);
        moments.add(value);
        line.add(seconds(timestampMillis), value);
        return true;
    }

    /** Evicts the points that are no longer inside the window at {@code nowMillis} (for a series gone quiet). */
    public void advanceTo(long nowMillis) {
        long cutoff = nowMillis - windowMillis;
        while (!values.isEmpty() && timestamps[head] <= cutoff) {
            evictOldest();
        }
    }

    public int size() {
        return values.size();
    }

    /** NaN or infinite values refused since construction. */
    public long invalidCount() {
        return invalid;
    }

    public WindowSnapshot snapshot() {
        int n = values.size();
        if (n == 0) {
            return WindowSnapshot.EMPTY;
        }
        long first = timestamps[head];
        long last = timestamps[(head + n - 1) % maxPoints];
        double seconds = (last - first) / 1000.0;
        double rate = seconds > 0 ? (values.recent(0) - values.oldest()) / seconds : 0.0;
        double slope = line.slope();
        TrendDirection trend = TrendDirection.FLAT;
        if (n >= 3 && slope != 0.0 && line.rSquared() >= flatBelowRSquared) {
            trend = slope > 0 ? TrendDirection.RISING : TrendDirection.FALLING;
        }
        return new WindowSnapshot(n, first, last, moments.mean(), values.median(), Math.sqrt(moments.variance()),
                values.min(), values.max(), values.quantile(0.95), values.quantile(0.99), moments.skewness(),
                moments.kurtosis(), rate, slope, trend);
    }

    private void evictOldest() {
        long ts = timestamps[head];
        double v = values.evictOldest();
        moments.remove(v);
        line.remove(seconds(ts), v);
        head = head + 1 == maxPoints ? 0 : head + 1;
        // Sums that values leave accumulate rounding error; re-adding the window every maxPoints evictions bounds
        // it at O(1) amortized cost.
        if (++evictionsSinceRebuild >= maxPoints && !values.isEmpty()) {
            rebuild();
        }
    }

    private void rebuild() {
        int n = values.size();
        double centre = moments.mean();
        timeReference = timestamps[head];
        moments.reset(centre);
        line.reset(0.0, centre);
        for (int age = n - 1; age >= 0; age--) {
            double v = values.recent(age);
            long ts = timestamps[(head + n - 1 - age) % maxPoints];
            moments.add(v);
            line.add(seconds(ts), v);
        }
        evictionsSinceRebuild = 0;
    }

    private double seconds(long timestampMillis) {
        return (timestampMillis - timeReference) / 1000.0;
    }

    /** Builds a {@link WindowStats}; every setter checks its argument. */
    public static final class Builder {
        private long windowMillis = Duration.ofMinutes(5).toMillis();
        private int maxPoints = 1024;
        private double flatBelowRSquared = 0.25;

        private Builder() {
        }

        /** How far back the window reaches (default 5 minutes). */
        public Builder window(Duration window) {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            this.windowMillis = window.toMillis();
            return this;
        }

        /** The most points kept, whatever the window (default 1024); fixes the memory used. */
        public Builder maxPoints(int maxPoints) {
            if (maxPoints < 2 || maxPoints > 1 << 20) {
                throw new IllegalArgumentException("maxPoints must be in [2, 1048576]: " + maxPoints);
            }
            this.maxPoints = maxPoints;
            return this;
        }

        /**
         * The share of variation (R²) the least-squares line must explain before the trend counts as rising or
         * falling rather than flat (default 0.25).
         */
        public Builder flatBelowRSquared(double rSquared) {
            if (!(rSquared >= 0.0 && rSquared <= 1.0)) {
                throw new IllegalArgumentException("flatBelowRSquared must be in [0, 1]: " + rSquared);
            }
            this.flatBelowRSquared = rSquared;
            return this;
        }

        public WindowStats build() {
            return new WindowStats(this);
        }
    }
}
