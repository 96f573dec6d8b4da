package io.crowdpulse.optimizer.observe;

import java.util.Arrays;
import java.util.Optional;

import io.crowdpulse.optimizer.figures.SeriesFigures;

/**
 * The recent values of one series, bounded both in count and in age (relative to the newest value), with
 * the window statistics the strategies read over any part of it. Thread-safe.
 */
public final class RollingWindow {

    private final int capacity;
    private final long maxAgeMillis;
    private final long[] times;
    private final double[] values;
    private int head;
    private int size;
    private long newest = Long.MIN_VALUE;

    public RollingWindow(int capacity, long maxAgeMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (maxAgeMillis < 1) {
            throw new IllegalArgumentException("maxAgeMillis must be positive: " + maxAgeMillis);
        }
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
        this.times = new long[capacity];
        this.values = new double[capacity];
    }

    /** Adds a value measured at {@code atMillis}; NaN and infinities are ignored. */
    public synchronized void add(long atMillis, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        int tail = (head + size) % capacity;
        times[tail] = atMillis;
        values[tail] = value;
        if (size == capacity) {
            head = (head + 1) % capacity;
        } else {
            size++;
        }
        newest = Math.max(newest, atMillis);
        long oldestKept = newest - maxAgeMillis;
        while (size > 0 && times[head] < oldestKept) {
            head = (head + 1) % capacity;
            size--;
        }
    }

    public synchronized int size() {
        return size;
    }

    /** The statistics of the values measured in {@code [fromMillis, toMillis]}; empty when there are none. */
    public synchronized Optional<SeriesFigures> figures(String metric, long fromMillis, long toMillis) {
        double[] picked = new double[size];
        long[] at = new long[size];
        int n = 0;
        long latestAt = Long.MIN_VALUE;
        double latest = Double.NaN;
        for (int i = 0; i < size; i++) {
            int idx = (head + i) % capacity;
            long t = times[idx];
            if (t >= fromMillis && t <= toMillis) {
                picked[n] = values[idx];
                at[n] = t;
                if (t >= latestAt) {
                    latestAt = t;
                    latest = values[idx];
                }
                n++;
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sum += picked[i];
            min = Math.min(min, picked[i]);
            max = Math.max(max, picked[i]);
        }
        double mean = sum / n;
        double slope = slopePerSecond(at, picked, n);
        double[] sorted = Arrays.copyOf(picked, n);
        Arrays.sort(sorted);
        // nearest rank
        double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
        return Optional.of(new SeriesFigures(metric, latest, mean, min, max, p95, slope, n));
    }

    /** Least-squares slope of value over time, in units per second; 0 with fewer than two distinct times. */
    static double slopePerSecond(long[] at, double[] v, int n) {
        if (n < 2) {
            return 0;
        }
        long t0 = at[0];
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += (at[i] - t0) / 1000.0;
            meanY += v[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = (at[i] - t0) / 1000.0 - meanX;
            sxy += dx * (v[i] - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
