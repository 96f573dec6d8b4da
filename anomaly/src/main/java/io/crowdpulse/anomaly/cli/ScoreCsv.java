package io.crowdpulse.anomaly.cli;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.detector.Detectors;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The anomaly scoring entry point: {@code java -jar crowdpulse-anomaly.jar FILE.csv} reads {@code timestamp,value}
 * rows, feeds each value strictly in order to {@link Detectors#standard()} (the detector the metrics-collector runs),
 * and prints {@code timestamp,value,anomaly_score} for every row, timestamp and value echoed as read.
 *
 * <p>Blank lines are skipped and CRLF endings accepted. A row whose value is missing or not a number scores 0 and is
 * not learned; a row whose timestamp cannot be read is scored one interval after the previous row. Rows are never
 * dropped. {@code -} reads standard input.
 */
public final class ScoreCsv {

    static final String HEADER = "timestamp,value,anomaly_score";

    private ScoreCsv() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].equals("-h") || args[0].equals("--help")) {
            System.err.println("usage: java -jar crowdpulse-anomaly.jar FILE.csv   (FILE.csv has a header timestamp,value;"
                    + " '-' reads standard input)");
            System.exit(args.length == 1 ? 0 : 2);
            return;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (Reader in = open(args[0])) {
            score(in, out, Detectors.standard());
            out.flush();
        } catch (NoSuchFileException e) {
            System.err.println("no such file: " + args[0]);
            System.exit(2);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    private static Reader open(String name) throws IOException {
        if (name.equals("-")) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8);
    }

    /** Scores every row of {@code in} with {@code detector} and writes the result, header first, to {@code out}. */
    static void score(Reader in, Writer out, Detector detector) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        out.write(HEADER);
        out.write('\n');
        Columns columns = null;
        Clock clock = new Clock();
        StringBuilder row = new StringBuilder(64);
        String line;
        while ((line = lines.readLine()) != null) {
            if (columns == null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = CsvFields.raw(line);
            if (columns == null) {
                columns = Columns.of(fields);
                if (columns.header()) {
                    continue;
                }
            }
            String ts = columns.timestamp() < fields.size() ? fields.get(columns.timestamp()) : "";
            String value = columns.value() < fields.size() ? fields.get(columns.value()) : "";
            double score = 0.0;
            double v = parseValue(value);
            long millis = clock.next(Timestamps.parse(CsvFields.unquote(ts)));
            if (Double.isFinite(v)) {
                score = detector.update(millis, v).score();
            }
            row.setLength(0);
            row.append(ts).append(',').append(value).append(',');
            appendScore(row, score);
            row.append('\n');
            out.append(row);
        }
    }

    static double parseValue(String field) {
        String s = CsvFields.unquote(field);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // Six decimals, no exponent, no locale: "0.000000" to "1.000000".
    static void appendScore(StringBuilder sb, double score) {
        long micros = Math.round(Math.max(0.0, Math.min(1.0, score)) * 1_000_000.0);
        sb.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /** Where the timestamp and value columns are, learned from the first line. */
    record Columns(int timestamp, int value, boolean header) {

        static Columns of(List<String> first) {
            int ts = -1;
            int value = -1;
            for (int i = 0; i < first.size(); i++) {
                String name = CsvFields.unquote(first.get(i)).toLowerCase(Locale.ROOT);
                if (ts < 0 && (name.equals("timestamp") || name.equals("time") || name.equals("date"))) {
                    ts = i;
                } else if (value < 0 && name.equals("value")) {
                    value = i;
                }
            }
            if (ts >= 0 || value >= 0) {
                return new Columns(Math.max(ts, 0), value >= 0 ? value : (ts == 0 ? 1 : 0), true);
            }
            // No recognizable names: the first data row if it starts with a timestamp, else a header.
            boolean header = Timestamps.parse(CsvFields.unquote(first.get(0))).isEmpty();
            return new Columns(0, 1, header);
        }
    }

    /** Supplies a time for every row: the row's own, or one interval after the previous when it cannot be read. */
    static final class Clock {
        private long last = Long.MIN_VALUE;
        private long step = 60_000L;

        long next(OptionalLong parsed) {
            if (parsed.isPresent()) {
                long t = parsed.getAsLong();
                if (last != Long.MIN_VALUE && t > last) {
                    step = t - last;
                }
                last = t;
                return t;
            }
            last = last == Long.MIN_VALUE ? 0L : last + step;
            return last;
        }
    }
}
