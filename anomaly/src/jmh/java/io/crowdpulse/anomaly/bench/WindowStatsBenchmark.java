package io.crowdpulse.anomaly.bench;

import io.crowdpulse.anomaly.stats.WindowSnapshot;
import io.crowdpulse.anomaly.stats.WindowStats;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Samples per second a full sliding window takes in (the collector's per-sample cost), and snapshots per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowStatsBenchmark {

    static final int POINTS = 1 << 14;

    @Param({"60", "900"})
    public int maxPoints;

    private final double[] values = new double[POINTS];
    private WindowStats window;
    private long time;
    private int next;

    @Setup
    public void setUp() {
        Random r = new Random(7);
        for (int i = 0; i < POINTS; i++) {
            values[i] = 50 + 10 * r.nextGaussian();
        }
        window = WindowStats.newBuilder().window(Duration.ofHours(1)).maxPoints(maxPoints).build();
    }

    /** One operation is one sample added (the window is full, so each add also evicts). */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public int add() {
        long t = time;
        for (int i = 0; i < POINTS; i++) {
            t += 1_000L;
            window.add(t, values[i]);
        }
        time = t;
        return window.size();
    }

    /**
     * One sample added, then a full snapshot: the window must change between snapshots or the JIT hoists the
     * (read-only) snapshot out of the measurement loop. Its fields are summed so none of the work can be skipped.
     */
    @Benchmark
    public double addAndSnapshot() {
        time += 1_000L;
        window.add(time, values[next]);
        next = (next + 1) & (POINTS - 1);
        WindowSnapshot s = window.snapshot();
        return s.mean() + s.median() + s.stddev() + s.min() + s.max() + s.p95() + s.p99() + s.skewness()
                + s.kurtosis() + s.ratePerSecond() + s.slopePerSecond() + s.trend().ordinal();
    }
}
