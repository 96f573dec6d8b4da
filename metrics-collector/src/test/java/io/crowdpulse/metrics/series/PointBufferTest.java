package io.crowdpulse.metrics.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PointBufferTest {

    @Test
    void shouldKeepTheNewestPointsAndFindRangesByTime() {
        PointBuffer buffer = new PointBuffer(4);
        for (int i = 1; i <= 6; i++) {
            buffer.add(i * 1000L, i);
        }
        assertEquals(4, buffer.size());
        assertArrayEquals(new double[] { 3, 4, 5, 6 }, buffer.between(0, Long.MAX_VALUE).values());
        assertArrayEquals(new double[] { 4, 5 }, buffer.between(4000, 6000).values());
        assertArrayEquals(new long[] { 5000, 6000 }, buffer.between(4500, 7000).times());
        assertEquals(0, buffer.between(7000, 8000).size());
    }
}
