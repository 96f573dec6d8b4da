package io.crowdpulse.anomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crowdpulse.anomaly.detector.Detectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCsvTest {

    @TempDir
    Path dir;

    @Test
    void shouldPrintOneScoredLinePerRowThroughMain() throws IOException {
        Random r = new Random(8);
        List<String> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("timestamp,value\r\n");
        for (int i = 0; i < 3_000; i++) {
            long minute = i * 5L;
            String ts = String.format(Locale.ROOT, "2014-04-%02d %02d:%02d:00", 1 + minute / 1440,
                    (minute / 60) % 24, minute % 60);
            String value = String.format(Locale.ROOT, "%.3f", 20 + r.nextGaussian() + (i == 2_500 ? 30 : 0));
            rows.add(ts + "," + value);
            csv.append(ts).append(',').append(value).append("\r\n");
            if (i % 700 == 0) {
                csv.append("\r\n"); // blank lines are not rows
            }
        }
        Path file = dir.resolve("series.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        List<String> out = runMain(file.toString());

        assertEquals("timestamp,value,anomaly_score", out.get(0));
        assertEquals(rows.size() + 1, out.size());
        int flags = 0;
        for (int i = 0; i < rows.size(); i++) {
            String line = out.get(i + 1);
            int cut = line.lastIndexOf(',');
            assertEquals(rows.get(i), line.substring(0, cut), "row " + i + " echoed as read");
            double score = Double.parseDouble(line.substring(cut + 1));
            assertTrue(score >= 0.0 && score <= 1.0);
            if (score >= 0.5) {
                flags++;
                assertEquals(2_500, i, "only the spike is flagged");
            }
        }
        assertEquals(1, flags);
    }

    @Test
    void shouldKeepEveryRowWhenValuesOrTimestampsAreBad() throws IOException {
        String csv = "\uFEFFtimestamp,value\n"
                + "2014-04-01 00:00:00,1.5\n"
                + "2014-04-01 00:05:00,abc\n"
                + "2014-04-01 00:10:00,\n"
                + "2014-04-01 00:15:00\n"
                + "not a time,2\n"
                + "1396311300,NaN\n"
                + "\"2014-04-01 00:25:00\",\"3.25\"\n"
                + "2014-04-01T00:30:00Z,-1e3\n";
        StringWriter out = new StringWriter();
        ScoreCsv.score(new StringReader(csv), out, Detectors.standard());
        String[] lines = out.toString().split("\n", -1);
        assertEquals(List.of("timestamp,value,anomaly_score",
                "2014-04-01 00:00:00,1.5,0.000000",
                "2014-04-01 00:05:00,abc,0.000000",
                "2014-04-01 00:10:00,,0.000000",
                "2014-04-01 00:15:00,,0.000000",
                "not a time,2,0.000000",
                "1396311300,NaN,0.000000",
                "\"2014-04-01 00:25:00\",\"3.25\",0.000000",
                "2014-04-01T00:30:00Z,-1e3,0.000000",
                ""), List.of(lines));
    }

    @Test
    void shouldAcceptAFileWithoutAHeaderRowOrWithExtraColumns() throws IOException {
        StringWriter out = new StringWriter();
        ScoreCsv.score(new StringReader("1396310400,abc\n1396310460,6\n"), out, Detectors.standard());
        assertEquals("timestamp,value,anomaly_score\n1396310400,abc,0.000000\n1396310460,6,0.000000\n",
                out.toString());

        out = new StringWriter();
        ScoreCsv.score(new StringReader("time stamp,reading\n1396310400,5\n"), out, Detectors.standard());
        assertEquals("timestamp,value,anomaly_score\n1396310400,5,0.000000\n", out.toString());

        out = new StringWriter();
        ScoreCsv.score(new StringReader("value,timestamp,label\n7,2014-04-01 00:00:00,x\n"), out, Detectors.standard());
        assertEquals("timestamp,value,anomaly_score\n2014-04-01 00:00:00,7,0.000000\n", out.toString());
    }

    @Test
    void shouldFormatScoresWithSixDecimals() {
        StringBuilder sb = new StringBuilder();
        ScoreCsv.appendScore(sb, 0.5);
        sb.append(' ');
        ScoreCsv.appendScore(sb, 1.0);
        sb.append(' ');
        ScoreCsv.appendScore(sb, 1.2345678e-3);
        assertEquals("0.500000 1.000000 0.001235", sb.toString());
    }

    private static List<String> runMain(String file) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ScoreCsv.main(new String[] {file});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
