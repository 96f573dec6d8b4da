package io.crowdpulse.cli.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations a person types: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 250ms},
 * a bare number of seconds, or ISO-8601 such as {@code PT30S}.
 */
public final class DurationParser {

    private static final Pattern COMPOUND = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
    private static final Pattern SECONDS = Pattern.compile("\\d+");

    private DurationParser() {
    }

    /** Parses {@code text}, throwing {@link IllegalArgumentException} with a message a person can act on. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return nonNegative(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
            }
            if (SECONDS.matcher(value).matches()) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            if (COMPOUND.matcher(value).matches()) {
                return sumOfParts(value);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(text);
        }
        throw invalid(text);
    }

    private static Duration sumOfParts(String value) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "w" -> Duration.ofDays(7 * amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    private static Duration nonNegative(Duration duration, String text) {
        if (duration.isNegative()) {
            throw invalid(text);
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "invalid duration '" + text + "' (use e.g. 30s, 5m, 1h, 2d, 1h30m or PT30S)");
    }
}
