package io.crowdpulse.anomaly.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.OptionalLong;

/**
 * Reads the timestamps CSV files carry: ISO-8601 instants ({@code 2014-04-01T00:00:00Z}, with an offset or none),
 * the space-separated form NAB uses ({@code 2014-04-01 00:00:00}), plain dates, and epoch seconds or milliseconds
 * (numbers below 10¹¹ are seconds). Times without an offset are taken as UTC.
 */
final class Timestamps {

    private static final double MILLIS_FROM = 1e11;
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** Epoch milliseconds, or empty when the text is no timestamp this reader knows. */
    static OptionalLong parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        char first = s.charAt(0);
        if (Character.isDigit(first) && s.length() <= 20 && s.indexOf('-') < 0 && s.indexOf(':') < 0) {
            return epoch(s);
        }
        try {
            return OptionalLong.of(Instant.parse(s).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(s.replace(' ', 'T')).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OptionalLong.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong epoch(String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(v >= MILLIS_FROM ? (long) v : Math.round(v * 1000.0));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
