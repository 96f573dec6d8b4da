package io.crowdpulse.anomaly.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowStatsTest {

    private static final long T0 = 1_704_067_200_000L;

    @Test
    void shouldMatchExactStatisticsOfTheLastPointsAfterManyEvictions() {
        WindowStats w = WindowStats.newBuilder().window(Duration.ofMinutes(5)).maxPoints(200).build();
        ArrayDeque<double[]> kept = new ArrayDeque<>();
        Random r = new Random(17);
        long t = T0;
        for (int i = 0; i < 20_000; i++) {
            t += 500 + r.nextInt(1_500); // irregular 0.5–2 s steps
            double v = 1e5 + 40 * r.nextGaussian() + (r.nextInt(50) == 0 ? 400 : 0);
            w.add(t, v);
            kept.addLast(new double[] {t, v});
            while (kept.size() > 200 || kept.peekFirst()[0] <= t - 300_000) {
                kept.removeFirst();
            }
        }
        double[] v = kept.stream().mapToDouble(p -> p[1]).toArray();
        double[] x = kept.stream().mapToDouble(p -> (p[0] - T0) / 1000.0).toArray();
        WindowSnapshot s = w.snapshot();
        assertEquals(v.length, s.count());
        assertEquals((long) kept.peekFirst()[0], s.firstTimestampMillis());
        assertEquals((long) kept.peekLast()[0], s.lastTimestampMillis());
        assertEquals(Exact.mean(v), s.mean(), 1e-7);
        assertEquals(Exact.median(v), s.median(), 0.0);
        assertEquals(Math.sqrt(Exact.sampleVariance(v)), s.stddev(), 1e-6);
        assertEquals(Exact.quantile(v, 0.0), s.min(), 0.0);
        assertEquals(Exact.quantile(v, 1.0), s.max(), 0.0);
        assertEquals(Exact.quantile(v, 0.95), s.p95(), 1e-9);
        assertEquals(Exact.quantile(v, 0.99), s.p99(), 1e-9);
        assertEquals(Exact.skewness(v), s.skewness(), 1e-6);
        assertEquals(Exact.kurtosis(v), s.kurtosis(), 1e-5);
        assertEquals(Exact.slope(x, v), s.slopePerSecond(), 1e-6);
        double seconds = (kept.peekLast()[0] - kept.peekFirst()[0]) / 1000.0;
        assertEquals((v[v.length - 1] - v[0]) / seconds, s.ratePerSecond(), 1e-9);
    }

    @Test
    void shouldEvictPointsOlderThanTheWindow() {
        WindowStats w = WindowStats.newBuilder().window(Duration.ofSeconds(10)).maxPoints(100).build();
        for (int i = 0; i < 30; i++) {
            w.add(T0 + i * 1_000L, i);
        }
        WindowSnapshot s = w.snapshot();
        assertEquals(10, s.count()); // 20..29: the point exactly 10 s old has left
        assertEquals(20.0, s.min(), 0.0);
        w.advanceTo(T0 + 35_000L);
        assertEquals(4, w.snapshot().count()); // 26..29
        w.advanceTo(T0 + 60_000L);
        assertTrue(w.snapshot().isEmpty());
        assertEquals(WindowSnapshot.EMPTY, w.snapshot());
    }

    @Test
    void shouldTellRisingFallingAndFlatTrends() {
        assertEquals(TrendDirection.RISING, trendOf(i -> 10 + 0.5 * i + Math.sin(i)));
        assertEquals(TrendDirection.FALLING, trendOf(i -> 10 - 0.5 * i + Math.sin(i)));
        assertEquals(TrendDirection.FLAT, trendOf(i -> 10 + Math.sin(i * 1.7) * 3));
        assertEquals(TrendDirection.FLAT, trendOf(i -> 42.0));
    }

    @Test
    void shouldReportZeroSpreadAndShapeForAConstantSeries() {
        WindowStats w = WindowStats.newBuilder().maxPoints(50).build();
        for (int i = 0; i < 500; i++) {
            w.add(T0 + i * 1_000L, 0.1 + 0.2); // the same float every time
        }
        WindowSnapshot s = w.snapshot();
        assertEquals(0.0, s.stddev(), 0.0);
        assertEquals(0.0, s.skewness(), 0.0);
        assertEquals(0.0, s.kurtosis(), 0.0);
        assertEquals(0.0, s.slopePerSecond(), 1e-15);
        assertEquals(TrendDirection.FLAT, s.trend());
    }

    @Test
    void shouldCountAndSkipInvalidValues() {
        WindowStats w = WindowStats.newBuilder().build();
        assertFalse(w.add(T0, Double.NaN));
        assertFalse(w.add(T0, Double.NEGATIVE_INFINITY));
        assertTrue(w.add(T0, 1.0));
        assertEquals(2, w.invalidCount());
        assertEquals(1, w.size());
    }

    @Test
    void shouldRejectBadBuilderArguments() {
        WindowStats.Builder b = WindowStats.newBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.window(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.window(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.window(null));
        assertThrows(IllegalArgumentException.class, () -> b.maxPoints(1));
        assertThrows(IllegalArgumentException.class, () -> b.maxPoints(2_000_000));
        assertThrows(IllegalArgumentException.class, () -> b.flatBelowRSquared(1.5));
    }

    private static TrendDirection trendOf(java.util.function.IntToDoubleFunction f) {
        WindowStats w = WindowStats.newBuilder().window(Duration.ofMinutes(1)).maxPoints(60).build();
        for (int i = 0; i < 120; i++) {
            w.add(T0 + i * 1_000L, f.applyAsDouble(i));
        }
        return w.snapshot().trend();
    }
}
