package io.crowdpulse.anomaly.bench;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.detector.Detectors;
import io.crowdpulse.anomaly.detector.HoltDetector;
import io.crowdpulse.anomaly.detector.MovingAverageDetector;
import io.crowdpulse.anomaly.detector.RobustDetector;
import io.crowdpulse.anomaly.detector.ZScoreDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Points per second one detector scores on one thread: a daily-seasonal 5-minute series with noise and a spike every
 * few thousand points, replayed with ever-increasing timestamps so the detector keeps learning as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBenchmark {

    static final int POINTS = 1 << 16;
    private static final long INTERVAL = 300_000L;

    @Param({"combined", "zscore", "robust", "moving-average", "holt"})
    public String detector;

    private final double[] values = new double[POINTS];
    private Detector instance;
    private long time = 1_704_067_200_000L;

    @Setup(Level.Trial)
    public void data() {
        Random r = new Random(42);
        for (int i = 0; i < POINTS; i++) {
            double day = 2 * Math.PI * (i % 288) / 288.0;
            values[i] = 100 + 20 * Math.sin(day) + 3 * r.nextGaussian() + (i % 4099 == 4098 ? 60 : 0);
        }
    }

    @Setup(Level.Iteration)
    public void detector() {
        instance = switch (detector) {
            case "combined" -> Detectors.standard();
            case "zscore" -> ZScoreDetector.newBuilder().build();
            case "robust" -> RobustDetector.newBuilder().build();
            case "moving-average" -> MovingAverageDetector.newBuilder().build();
            case "holt" -> HoltDetector.newBuilder().build();
            default -> throw new IllegalArgumentException(detector);
        };
    }

    /** One operation is one point. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double points() {
        Detector d = instance;
        double sum = 0;
        long t = time;
        for (int i = 0; i < POINTS; i++) {
            t += INTERVAL;
            sum += d.update(t, values[i]).score();
        }
        time = t;
        return sum;
    }
}
