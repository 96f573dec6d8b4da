package io.crowdpulse.anomaly.detector;


/** The last {@value #CAPACITY} points, raw and deseasonalized, from which forecasters restart after a change. */
final class RecentPoints {

    static final int CAPACITY = 32;

    private final double[] values = new double[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private final double[] deseasonalized = new double[CAPACITY];
    private final double[] scratch = new double[CAPACITY];
    private int count;
    private int next;

    void add(long timestampMillis, double value, double y) {
        values[next] = value;
        times[next] = timestampMillis;
        deseasonalized[next] = y;
        next = next + 1 == CAPACITY ? 0 : next + 1;
        count = Math.min(CAPACITY, count + 1);
    }

    int size() {
        return count;
    }

    /** The deseasonalized values, oldest first. */
    double[] deseasonalized() {
        double[] out = new double[count];
        int start = next - count;
        for (int i = 0; i < count; i++) {
            out[i] = deseasonalized[Math.floorMod(start + i, CAPACITY)];
        }
        return out;
    }

    /** The median of the deseasonalized values, or {@code otherwise} when there are none. */
    double median(double otherwise) {
        if (count == 0) {
            return otherwise;
        }
        int start = next - count;
        for (int i = 0; i < count; i++) {
            scratch[i] = deseasonalized[Math.floorMod(start + i, CAPACITY)];
        }
        return ScoringEngine.median(scratch, count);
    }

    /** Deseasonalizes the raw values again, after the seasonal profile in use changed. */
    void rebase(Seasonality seasonality) {
        int start = next - count;
        for (int i = 0; i < count; i++) {
            int slot = Math.floorMod(start + i, CAPACITY);
            deseasonalized[slot] = values[slot] - seasonality.offset(times[slot]);
        }
    }
}
