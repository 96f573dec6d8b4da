package io.crowdpulse.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crowdpulse.anomaly.detector.Detectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores the standard detector on the whole synthetic labeled set and writes the table that bench/RESULTS.md quotes
 * to {@code anomaly/target/anomaly-synthetic.md}.
 */
class SyntheticSetReportTest {

    static final long SEED = 42;
    static final int PER_PATTERN = 20;

    @Test
    void shouldFindMostAnomaliesWithFewFalseFlagsAndWriteTheReport() throws IOException {
        List<LabeledSeries> set = SyntheticSeries.set(SEED, PER_PATTERN);
        long start = System.nanoTime();
        Evaluation.Report report = Evaluation.evaluate(Detectors::standard, set);
        double seconds = (System.nanoTime() - start) / 1e9;

        String text = "Synthetic labeled set: " + report.series() + " series (" + PER_PATTERN + " per pattern, seed "
                + SEED + "), " + report.points() + " points, scored in " + String.format("%.1f", seconds) + " s on "
                + LocalDate.now() + ".\n\n" + report.markdown();
        Path dir = Path.of(System.getProperty("anomaly.report.dir", "target"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("anomaly-synthetic.md"), text, StandardCharsets.UTF_8);

        NabScorer.Result overall = report.overall();
        assertTrue(overall.normalized() >= 75, "NAB-like score " + overall.normalized());
        assertTrue(overall.recall() >= 0.85, "recall " + overall.recall());
        assertTrue(overall.precision() >= 0.75, "precision " + overall.precision());
        assertEquals(0, report.byPattern().get(Pattern.FLAT).falsePositives());
        assertEquals(0, report.byPattern().get(Pattern.COUNTS).falsePositives());
        // One marginal flag in 20 noisy series of thousands of points is the calibrated rate; more is a regression.
        assertTrue(report.byPattern().get(Pattern.NOISE).falsePositives() <= 1);
    }
}
