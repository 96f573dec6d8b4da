package io.crowdpulse.optimizer.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.optimizer.figures.SeriesFigures;

class RollingWindowTest {

    @Test
    void shouldComputeLatestMeanMinMaxP95AndSlopePerSecond() {
        RollingWindow w = new RollingWindow(100, 60_000);
        for (int i = 0; i < 20; i++) {
            w.add(1_000_000 + i * 1000L, 10 + 2 * i); // rises 2 per second
        }
        SeriesFigures f = w.figures("http.p99_ms", 0, Long.MAX_VALUE).orElseThrow();
        assertEquals(48, f.latest());
        assertEquals(29, f.mean(), 1e-9);
        assertEquals(10, f.min());
        assertEquals(48, f.max());
        assertEquals(46, f.p95()); // nearest rank: the 19th of 20 sorted values
        assertEquals(2.0, f.slopePerSecond(), 1e-9);
        assertEquals(20, f.count());
    }

    @Test
    void shouldKeepAtMostItsCapacityAndDropValuesOlderThanItsMaximumAge() {
        RollingWindow byCount = new RollingWindow(5, 1_000_000);
        for (int i = 0; i < 12; i++) {
            byCount.add(i * 1000L, i);
        }
        assertEquals(5, byCount.size());
        assertEquals(7, byCount.figures("m", 0, Long.MAX_VALUE).orElseThrow().min());

        RollingWindow byAge = new RollingWindow(1000, 10_000);
        for (int i = 0; i < 60; i++) {
            byAge.add(i * 1000L, i);
        }
        // newest at 59 s: only 49..59 s are 10 s old or younger
        assertEquals(11, byAge.size());
        assertEquals(49, byAge.figures("m", 0, Long.MAX_VALUE).orElseThrow().min());
    }

    @Test
    void shouldAnswerOnlyTheValuesInsideTheAskedRange() {
        RollingWindow w = new RollingWindow(100, 1_000_000);
        for (int i = 0; i < 10; i++) {
            w.add(i * 1000L, i < 5 ? 100 : 300);
        }
        assertEquals(100, w.figures("m", 0, 4_000).orElseThrow().mean());
        assertEquals(300, w.figures("m", 5_000, 9_000).orElseThrow().mean());
        assertTrue(w.figures("m", 20_000, 30_000).isEmpty());
    }

    @Test
    void shouldIgnoreValuesThatAreNotNumbers() {
        RollingWindow w = new RollingWindow(10, 10_000);
        w.add(0, Double.NaN);
        w.add(1, Double.POSITIVE_INFINITY);
        w.add(2, 4);
        SeriesFigures f = w.figures("m", 0, 10).orElseThrow();
        assertEquals(1, f.count());
        assertEquals(0, f.slopePerSecond());
    }
}
