package io.crowdpulse.metrics.series;

import java.util.Arrays;

/**
 * The most recent points of one series in a fixed ring: {@code capacity × 16} bytes, O(1) per point.
 * Not thread-safe; its {@link SeriesState} guards it.
 */
final class PointBuffer {

    private final long[] times;
    private final double[] values;
    private int start;
    private int size;

    PointBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    void add(long timeMillis, double value) {
        int end = (start + size) % times.length;
        times[end] = timeMillis;
        values[end] = value;
        if (size < times.length) {
            size++;
        } else {
            start = (start + 1) % times.length;
        }
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[(start + i) % times.length];
    }

    double value(int i) {
        return values[(start + i) % values.length];
    }

    /** Index of the first point at or after {@code fromMillis} (binary search; points are in time order). */
    int firstAtOrAfter(long fromMillis) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < fromMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Copies of the points in [fromMillis, toMillis). */
    Points between(long fromMillis, long toMillis) {
        int from = firstAtOrAfter(fromMillis);
        int to = firstAtOrAfter(toMillis);
        long[] t = new long[Math.max(0, to - from)];
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = time(from + i);
            v[i] = value(from + i);
        }
        return new Points(t, v);
    }

    /** Points of a series in time order, as parallel arrays. */
    record Points(long[] times, double[] values) {

        int size() {
            return times.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(times, p.times) && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Points" + Arrays.toString(values);
        }
    }
}
