package io.crowdpulse.optimizer.strategy.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.tuning.KnobView;

class KnobsTest {

    @Test
    void shouldRoundAwayFromTheCurrentValueWhenIntegral() {
        assertEquals(OptionalDouble.of(11), Knobs.target(10, 10.2, 0, 100, true));
        assertEquals(OptionalDouble.of(9), Knobs.target(10, 9.8, 0, 100, true));
        assertEquals(OptionalDouble.of(10.2), Knobs.target(10, 10.2, 0, 100, false));
    }

    @Test
    void shouldClampIntoTheBounds() {
        assertEquals(OptionalDouble.of(100), Knobs.target(10, 500, 0, 100, true));
        assertEquals(OptionalDouble.of(5), Knobs.target(10, 1, 5, 100, true));
        assertEquals(OptionalDouble.of(10), Knobs.target(5, 20, 0, 10.5, true), "whole inside a fractional bound");
    }

    @Test
    void shouldProposeNothingThatIsNoChangeOrTheWrongWay() {
        assertTrue(Knobs.target(100, 500, 0, 100, true).isEmpty(), "at its maximum");
        assertTrue(Knobs.target(200, 300, 0, 100, true).isEmpty(), "above its maximum, a raise would lower it");
        assertTrue(Knobs.target(10, Double.NaN, 0, 100, true).isEmpty());
    }

    @Test
    void shouldTellWholeNumberKnobsByTheirValues() {
        assertTrue(Knobs.integral(new KnobView("a", 4L, 1L, 8L, "", "")));
        assertFalse(Knobs.integral(new KnobView("a", 0.5, 0.0, 1.0, "", "")));
        assertEquals(Double.POSITIVE_INFINITY, Knobs.max(new KnobView("a", 4L, 1L, null, "", "")));
    }

    @Test
    void shouldWriteFiguresWithoutTrailingZeros() {
        assertEquals("0.75", Knobs.num(0.75));
        assertEquals("2", Knobs.num(2.0));
        assertEquals("12.5", Knobs.num(12.5));
        assertEquals("0.333", Knobs.num(1.0 / 3));
        assertEquals("n/a", Knobs.num(Double.NaN));
    }
}
