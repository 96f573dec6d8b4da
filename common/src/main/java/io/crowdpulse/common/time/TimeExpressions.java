package io.crowdpulse.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crowdpulse.common.problem.ProblemException;

/**
 * Parses the time expressions of the API: {@code now}, a duration back from now ({@code 15m},
 * {@code 24h}, {@code 7d}), or an ISO-8601 instant; and durations ({@code 30s}, {@code 5m}, {@code PT30S}).
 */
public final class TimeExpressions {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

    private TimeExpressions() {
    }

    /** The instant {@code expression} denotes at {@code clock}'s now; {@code field} names it in the error. */
    public static Instant instant(String field, String expression, Clock clock) {
        if (expression == null || expression.isBlank()) {
            throw ProblemException.badRequest(field, "is required");
        }
        String value = expression.trim();
        if (value.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Duration back = shortDuration(value);
        if (back != null) {
            return clock.instant().minus(back);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field,
                    "must be 'now', a duration back from now such as '15m', '24h' or '7d', or an ISO-8601 instant");
        }
    }

    /** A positive duration such as {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or {@code PT30S}. */
    public static Duration duration(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            throw ProblemException.badRequest(field, "is required");
        }
        String value = expression.trim();
        Duration parsed = shortDuration(value);
        if (parsed == null) {
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(field, "must be a duration such as '30s', '5m', '1h' or 'PT30S'");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw ProblemException.badRequest(field, "must be longer than zero");
        }
        return parsed;
    }

    private static Duration shortDuration(String value) {
        Matcher m = SHORT_DURATION.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw new IllegalStateException("pattern admits only the units above");
        };
    }
}
