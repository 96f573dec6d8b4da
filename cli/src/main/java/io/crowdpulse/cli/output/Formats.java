package io.crowdpulse.cli.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How numbers and bars look in the client's output. */
public final class Formats {

    private Formats() {
    }

    /** A decimal with at most two fraction digits and no trailing zeros: {@code 12.5}, {@code 3}, {@code 0.33}. */
    public static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A number with its sign always shown: {@code +3}, {@code -1.5}, {@code 0}. */
    public static String signed(double value) {
        String text = decimal(value);
        return value > 0 ? "+" + text : text;
    }

    /** A bar of {@code #} whose length is {@code value / max} of {@code width}; at least one mark when positive. */
    public static String bar(double value, double max, int width) {
        if (max <= 0 || value <= 0 || Double.isNaN(value)) {
            return "";
        }
        int marks = (int) Math.round(Math.min(value, max) / max * width);
        return "#".repeat(Math.max(1, marks));
    }

    /** A percentage with one fraction digit: {@code 37.5%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Turns a camelCase JSON field name into a label: {@code startedPerMinute} becomes {@code Started per minute}. */
    public static String label(String fieldName) {
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < fieldName.length(); i++) {
            char c = fieldName.charAt(i);
            if (i == 0) {
                label.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                label.append(' ').append(Character.toLowerCase(c));
            } else {
                label.append(c);
            }
        }
        return label.toString();
    }
}
