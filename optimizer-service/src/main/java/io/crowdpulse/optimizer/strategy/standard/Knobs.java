package io.crowdpulse.optimizer.strategy.standard;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.strategy.Proposal;
import io.crowdpulse.optimizer.strategy.Risk;

/** Arithmetic the standard strategies share: a knob's bounds, integral rounding, confidence, formatting. */
final class Knobs {

    /** Below this many values in a window a strategy's confidence is scaled down proportionally. */
    static final int FULL_CONFIDENCE_SAMPLES = 10;

    private Knobs() {
    }

    static double value(KnobView knob) {
        return knob.value() == null ? Double.NaN : knob.value().doubleValue();
    }

    static double min(KnobView knob) {
        return knob.min() == null ? Double.NEGATIVE_INFINITY : knob.min().doubleValue();
    }

    static double max(KnobView knob) {
        return knob.max() == null ? Double.POSITIVE_INFINITY : knob.max().doubleValue();
    }

    /** Whole-number knobs show whole numbers ({@code KnobView} reports them as {@code Long}). */
    static boolean integral(KnobView knob) {
        Number value = knob.value();
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** The value {@code knob} should move to for {@code desired}, empty when it cannot move that way. */
    static OptionalDouble target(KnobView knob, double desired) {
        return target(value(knob), desired, min(knob), max(knob), integral(knob));
    }

    /**
     * {@code desired} rounded away from {@code current} when integral (a raise raises by at least one), then
     * clamped into {@code [min, max]}; empty when the result is no change or not a number.
     */
    static OptionalDouble target(double current, double desired, double min, double max, boolean integral) {
        if (Double.isNaN(current) || Double.isNaN(desired) || min > max) {
            return OptionalDouble.empty();
        }
        double to = desired;
        if (integral) {
            to = desired > current ? Math.ceil(desired - 1e-9) : Math.floor(desired + 1e-9);
        }
        to = Math.max(min, Math.min(max, to));
        if (integral && to != Math.rint(to)) {
            // clamped onto a bound that is not whole: the nearest whole number inside the bounds
            to = Math.floor(to) >= min ? Math.floor(to) : Math.ceil(to);
        }
        boolean sameDirection = Math.signum(to - current) == Math.signum(desired - current);
        if (to == current || !sameDirection || Double.isInfinite(to)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(to);
    }

    /** A proposal to move {@code knob} towards {@code desired}; empty when the knob cannot move that way. */
    static Optional<Proposal> propose(String strategy, TargetFigures figures, KnobView knob, double desired,
            double impact, double confidence, Risk risk, int priority, String why) {
        return propose(strategy, figures.target(), knob.name(), value(knob), target(knob, desired), impact,
                confidence, risk, priority, why);
    }

    /** A proposal to move {@code knob} from {@code from} to {@code to}, the rationale ending in the change. */
    static Optional<Proposal> propose(String strategy, String target, String knob, double from, OptionalDouble to,
            double impact, double confidence, Risk risk, int priority, String why) {
        if (to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(strategy, target, knob, from, to.getAsDouble(), impact, clamp01(confidence),
                risk, priority, format("%s → %s %s → %s", why, knob, num(from), num(to.getAsDouble()))));
    }

    /** {@code base} scaled down when the shortest of the series used holds fewer than ten values. */
    static double confidence(double base, SeriesFigures... used) {
        int fewest = Integer.MAX_VALUE;
        for (SeriesFigures series : used) {
            if (series != null) {
                fewest = Math.min(fewest, series.count());
            }
        }
        if (fewest == Integer.MAX_VALUE) {
            return base;
        }
        return base * Math.min(1.0, Math.max(0, fewest) / (double) FULL_CONFIDENCE_SAMPLES);
    }

    static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /** A figure for a rationale: whole numbers as such, others with at most one (from 10) or three decimals. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        String text = String.format(Locale.ROOT, Math.abs(x) >= 10 ? "%.1f" : "%.3f", x);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** A 0..1 fraction as a percentage for a rationale. */
    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static void checkFraction(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be within [0, 1]: " + value);
        }
    }

    static void checkPositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    static void checkNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    static void checkShrink(String what, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be within (0, 1): " + value);
        }
    }

    static void checkAbove(String what, double value, double floor) {
        if (!(value > floor) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be above " + floor + ": " + value);
        }
    }
}
