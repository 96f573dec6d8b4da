package io.crowdpulse.metrics.scrape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses the Prometheus text exposition format (version 0.0.4) into an {@link Exposition}, skipping and
 * counting malformed lines instead of failing the whole scrape.
 *
 * <p>One pass over the text, no regular expressions. Accepted: {@code # HELP}, {@code # TYPE} and other
 * comments, blank lines, LF or CRLF line ends, blanks around every token, label values with the escapes
 * {@code \\}, {@code \"} and {@code \n}, a trailing comma in the label set, an empty label set, values
 * {@code +Inf}, {@code -Inf}, {@code NaN} (any case) and Go float syntax in decimal, optional int64
 * millisecond timestamps, and a trailing OpenMetrics exemplar ({@code # {...} v}), which is ignored.
 * Malformed, hence skipped: a bad metric or label name, a duplicate label name, an unknown escape, an
 * unterminated label value or set, a missing or unparsable value, a non-integer or out-of-range timestamp,
 * anything else after the timestamp, and a {@code # TYPE} line with an unknown type or for a family that
 * already has one (the first wins). Prometheus 3's quoted UTF-8 metric names ({@code {"my.metric"} 1}) are
 * not supported and count as malformed; targets serve the classic names unless asked otherwise.
 */
public final class PrometheusTextParser {

    private PrometheusTextParser() {
    }

    /** Parses a whole exposition; never throws on malformed content. */
    public static Exposition parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Run(text).parse();
    }

    /** The state of one parse: a cursor over the current line plus the results so far. */
    private static final class Run {
        private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
        };
        private static final long MAX_EXACT_MANTISSA = 1L << 53;
        private static final String[] TYPES = {
            Exposition.COUNTER, Exposition.GAUGE, Exposition.HISTOGRAM, Exposition.SUMMARY, Exposition.UNTYPED
        };

        private final String s;
        private final Interner interner = new Interner();
        private final List<PromSample> samples = new ArrayList<>();
        private final Map<String, String> types = new HashMap<>();
        private int invalidLines;

        private int pos;
        private int end;
        private String[] labelBuffer = new String[16];
        private StringBuilder escapeBuffer;
        private double value;
        private long timestamp;

        Run(String s) {
            this.s = s;
        }

        Exposition parse() {
            int length = s.length();
            int start = 0;
            while (start < length) {
                int newline = s.indexOf('\n', start);
                int lineEnd = newline < 0 ? length : newline;
                line(start, lineEnd);
                start = lineEnd + 1;
            }
            return new Exposition(samples, types, invalidLines);
        }

        private void line(int from, int to) {
            while (to > from && isTrailingSpace(s.charAt(to - 1))) {
                to--;
            }
            while (from < to && isBlank(s.charAt(from))) {
                from++;
            }
            if (from == to) {
                return;
            }
            pos = from;
            end = to;
            boolean valid = s.charAt(from) == '#' ? comment() : sample();
            if (!valid) {
                invalidLines++;
            }
        }

        /** A comment; only {@code # TYPE} lines carry meaning, and only they can be malformed. */
        private boolean comment() {
            pos++;
            skipBlanks();
            if (!s.startsWith("TYPE", pos) || (pos + 4 < end && !isBlank(s.charAt(pos + 4)))) {
                return true;
            }
            pos += 4;
            skipBlanks();
            int nameStart = pos;
            if (!scanMetricName() || pos >= end || !isBlank(s.charAt(pos))) {
                return false;
            }
            String family = s.substring(nameStart, pos);
            skipBlanks();
            String type = typeToken(pos, end);
            if (type == null || types.containsKey(family)) {
                return false;
            }
            types.put(family, type);
            return true;
        }

        private String typeToken(int from, int to) {
            int length = to - from;
            for (String type : TYPES) {
                if (type.length() == length && s.startsWith(type, from)) {
                    return type;
                }
            }
            // OpenMetrics' name for untyped.
            return length == 7 && s.startsWith("unknown", from) ? Exposition.UNTYPED : null;
        }

        private boolean sample() {
            int nameStart = pos;
            if (!scanMetricName()) {
                return false;
            }
            String name = interner.intern(s, nameStart, pos);
            Labels labels = Labels.EMPTY;
            // Blanks are allowed around the label set, as Prometheus' own parser allows them.
            skipBlanks();
            if (pos < end && s.charAt(pos) == '{') {
                labels = labels();
                if (labels == null) {
                    return false;
                }
                skipBlanks();
            }
            int valueStart = pos;
            scanToken();
            if (!parseValue(valueStart, pos)) {
                return false;
            }
            Long timestampMillis = null;
            if (skipBlanks() && pos < end && s.charAt(pos) != '#') {
                int timestampStart = pos;
                scanToken();
                if (!parseTimestamp(timestampStart, pos)) {
                    return false;
                }
                timestampMillis = timestamp;
                skipBlanks();
            }
            // Anything left must be an exemplar or comment that we ignore; "1 2 3" or "1 x" is malformed.
            if (pos < end && s.charAt(pos) != '#') {
                return false;
            }
            samples.add(new PromSample(name, labels, value, timestampMillis));
            return true;
        }

        /** Parses {@code {name="value",...}} starting at the brace; null when malformed. */
        private Labels labels() {
            pos++;
            int count = 0;
            skipBlanks();
            while (true) {
                if (pos >= end) {
                    return null;
                }
                if (s.charAt(pos) == '}') {
                    pos++;
                    break;
                }
                int nameStart = pos;
                if (!scanLabelName()) {
                    return null;
                }
                String name = interner.intern(s, nameStart, pos);
                skipBlanks();
                if (pos >= end || s.charAt(pos) != '=') {
                    return null;
                }
                pos++;
                skipBlanks();
                if (pos >= end || s.charAt(pos) != '"') {
                    return null;
                }
                String labelValue = labelValue();
                if (labelValue == null) {
                    return null;
                }
                for (int i = 0; i < count; i += 2) {
                    if (labelBuffer[i].equals(name)) {
                        return null;
                    }
                }
                if (count + 2 > labelBuffer.length) {
                    labelBuffer = Arrays.copyOf(labelBuffer, labelBuffer.length * 2);
                }
                labelBuffer[count++] = name;
                labelBuffer[count++] = labelValue;
                skipBlanks();
                if (pos >= end) {
                    return null;
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                    skipBlanks();
                } else if (c == '}') {
                    pos++;
                    break;
                } else {
                    return null;
                }
            }
            return count == 0 ? Labels.EMPTY : new Labels(Arrays.copyOf(labelBuffer, count));
        }

        /** Parses a quoted label value starting at the opening quote; null when malformed. */
        private String labelValue() {
            int start = ++pos;
            while (pos < end) {
                char c = s.charAt(pos);
                if (c == '"') {
                    String v = interner.intern(s, start, pos);
                    pos++;
                    return v;
                }
                if (c == '\\') {
                    return escapedLabelValue(start);
                }
                pos++;
            }
            return null;
        }

        private String escapedLabelValue(int start) {
            StringBuilder b = escapeBuffer == null ? (escapeBuffer = new StringBuilder(64)) : escapeBuffer;
            b.setLength(0);
            b.append(s, start, pos);
            while (pos < end) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos + 1 >= end) {
                        return null;
                    }
                    switch (s.charAt(pos + 1)) {
                        case '\\' -> b.append('\\');
                        case '"' -> b.append('"');
                        case 'n' -> b.append('\n');
                        default -> {
                            return null;
                        }
                    }
                    pos += 2;
                } else {
                    b.append(c);
                    pos++;
                }
            }
            return null;
        }

        private boolean parseValue(int from, int to) {
            if (from >= to) {
                return false;
            }
            if (parseSimpleDecimal(from, to)) {
                return true;
            }
            int unsigned = from;
            char first = s.charAt(from);
            if (first == '+' || first == '-') {
                unsigned++;
            }
            int length = to - unsigned;
            if ((length == 3 && s.regionMatches(true, unsigned, "inf", 0, 3))
                    || (length == 8 && s.regionMatches(true, unsigned, "infinity", 0, 8))) {
                value = first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                return true;
            }
            if (length == 3 && unsigned == from && s.regionMatches(true, from, "nan", 0, 3)) {
                value = Double.NaN;
                return true;
            }
            // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; only let it see decimal syntax.
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (!(isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                    return false;
                }
            }
            try {
                value = Double.parseDouble(s.substring(from, to));
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /**
         * Fast path for the common {@code 123}, {@code -1.25} forms: a mantissa below 2^53 divided by an
         * exact power of ten below 10^23 is correctly rounded (Clinger), so no string is allocated.
         */
        private boolean parseSimpleDecimal(int from, int to) {
            int i = from;
            boolean negative = false;
            char c = s.charAt(i);
            if (c == '-' || c == '+') {
                negative = c == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int fractionDigits = 0;
            boolean dot = false;
            for (; i < to; i++) {
                c = s.charAt(i);
                if (isDigit(c)) {
                    if (++digits > 18) {
                        return false;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    if (dot) {
                        fractionDigits++;
                    }
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return false;
                }
            }
            if (digits == 0 || mantissa > MAX_EXACT_MANTISSA || fractionDigits >= POWERS_OF_TEN.length) {
                return false;
            }
            double v = fractionDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
            value = negative ? -v : v;
            return true;
        }

        private boolean parseTimestamp(int from, int to) {
            int i = from;
            boolean negative = false;
            char c = s.charAt(i);
            if (c == '-' || c == '+') {
                negative = c == '-';
                i++;
            }
            if (i >= to) {
                return false;
            }
            // Accumulate negatively so that Long.MIN_VALUE fits.
            long result = 0;
            for (; i < to; i++) {
                c = s.charAt(i);
                if (!isDigit(c) || result < Long.MIN_VALUE / 10) {
                    return false;
                }
                long shifted = result * 10;
                int digit = c - '0';
                if (shifted < Long.MIN_VALUE + digit) {
                    return false;
                }
                result = shifted - digit;
            }
            if (!negative && result == Long.MIN_VALUE) {
                return false;
            }
            timestamp = negative ? result : -result;
            return true;
        }

        private boolean scanMetricName() {
            if (pos >= end || !isMetricNameStart(s.charAt(pos))) {
                return false;
            }
            pos++;
            while (pos < end && isMetricNamePart(s.charAt(pos))) {
                pos++;
            }
            // The name must end at a blank, a brace or the line end; "a-b 1" is not "a".
            return pos >= end || isBlank(s.charAt(pos)) || s.charAt(pos) == '{';
        }

        private boolean scanLabelName() {
            if (pos >= end || !isLabelNameStart(s.charAt(pos))) {
                return false;
            }
            pos++;
            while (pos < end && isLabelNamePart(s.charAt(pos))) {
                pos++;
            }
            return true;
        }

        private void scanToken() {
            while (pos < end && !isBlank(s.charAt(pos))) {
                pos++;
            }
        }

        /** Skips blanks; true when at least one was skipped. */
        private boolean skipBlanks() {
            int start = pos;
            while (pos < end && isBlank(s.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isTrailingSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLabelNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isLabelNamePart(char c) {
            return isLabelNameStart(c) || isDigit(c);
        }

        private static boolean isMetricNameStart(char c) {
            return isLabelNameStart(c) || c == ':';
        }

        private static boolean isMetricNamePart(char c) {
            return isLabelNamePart(c) || c == ':';
        }
    }

    /**
     * A small direct-mapped cache of short strings, so that the metric names, label names and label
     * values repeated on every line of a scrape share one instance instead of one substring per line.
     */
    private static final class Interner {
        private static final int SLOTS = 1024;
        private static final int MAX_LENGTH = 96;

        private final String[] slots = new String[SLOTS];

        String intern(String s, int from, int to) {
            int length = to - from;
            if (length == 0) {
                return "";
            }
            if (length > MAX_LENGTH) {
                return s.substring(from, to);
            }
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + s.charAt(i);
            }
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            String cached = slots[slot];
            if (cached != null && cached.length() == length && s.startsWith(cached, from)) {
                return cached;
            }
            String fresh = s.substring(from, to);
            slots[slot] = fresh;
            return fresh;
        }
    }
}
