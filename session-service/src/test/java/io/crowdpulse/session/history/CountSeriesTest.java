package io.crowdpulse.session.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CountSeriesTest {

    private static CountSeries series(long... values) {
        List<long[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new long[] { 1000 + i, values[i] });
        }
        return CountSeries.ofSamples(points, 1000 + values.length, 5);
    }

    @Test
    void shouldFindThePeakAndWhenItWasFirstReached() {
        CountSeries.Peak peak = series(3, 9, 2, 9, 1).peak().orElseThrow();
        assertEquals(9, peak.value());
        assertEquals(1001, peak.atSecond());
        assertTrue(new CountSeries(List.of()).peak().isEmpty());
        assertTrue(new CountSeries(List.of()).average().isEmpty());
    }

    @Test
    void shouldCapHowLongASampleHoldsAcrossAGap() {
        // 100 at t=0, next sample at t=60: it holds 5 s, not 60
        CountSeries s = CountSeries.ofSamples(List.of(new long[] { 0, 100 }, new long[] { 60, 0 }), 61, 5);
        assertEquals(100.0 * 5 / 6, s.average().orElseThrow(), 1e-9);
    }

    @Test
    void shouldCallSmallWigglesFlat() {
        assertEquals("flat", series(100, 101, 99, 100, 101, 100).trend().direction());
        assertEquals("falling", series(50, 40, 30, 20, 10).trend().direction());
        assertEquals(-36_000, series(50, 40, 30, 20, 10).trend().slopePerHour(), 1e-9);
        assertEquals("flat", series(7).trend().direction());
    }

    @Test
    void shouldLeaveEmptyBucketsOut() {
        CountSeries s = CountSeries.ofSamples(List.of(new long[] { 0, 1 }, new long[] { 25, 3 }), 30, 5);
        List<CountSeries.Bucket> buckets = s.buckets(0, 30, 10);
        assertEquals(2, buckets.size());
        assertEquals(0, buckets.get(0).startSecond());
        assertEquals(20, buckets.get(1).startSecond());
        assertEquals(30, buckets.get(1).endSecond());
    }

    @Test
    void shouldRoundTripASampleThroughItsRedisForm() {
        Sample sample = new Sample(1_700_000_000L, 245, 260, 270, 1000, 900, 123_456, Map.of("tax", 40L, "acc", 120L));
        assertEquals(sample, Sample.decode(sample.encode()));
        assertEquals("v1|1700000000|245|260|270|1000|900|123456|acc=120;tax=40", sample.encode());
        assertEquals(0, sample.users("hr"));
        Sample empty = new Sample(1, 0, 0, 0, 0, 0, 0, Map.of());
        assertEquals(empty, Sample.decode(empty.encode()));
    }
}
