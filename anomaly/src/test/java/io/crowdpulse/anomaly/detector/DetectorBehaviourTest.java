package io.crowdpulse.anomaly.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crowdpulse.anomaly.Detector;
import io.crowdpulse.anomaly.Score;
import io.crowdpulse.anomaly.eval.Evaluation;
import io.crowdpulse.anomaly.eval.LabeledSeries;
import io.crowdpulse.anomaly.eval.Pattern;
import io.crowdpulse.anomaly.eval.SyntheticSeries;
import io.crowdpulse.anomaly.eval.SyntheticSeries.Noise;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The standard detector on each synthetic pattern, with light-tailed noise (white and AR(1)), 10 seeds each. */
class DetectorBehaviourTest {

    private static final long T0 = 1_704_067_200_000L;
    private static final double FLAG = 0.5;

    @ParameterizedTest(name = "{0}: detected within {1} points of onset, recall >= {2}")
    @CsvSource({
        "SPIKE, 1, 1.0",
        "DIP, 10, 1.0",
        "LEVEL_SHIFT, 20, 1.0",
        "OUTAGE, 10, 1.0",
        "SEASONAL, 40, 1.0",
        "TREND_CHANGE, 200, 0.9",
        "VARIANCE_CHANGE, 100, 0.9",
    })
    void shouldDetectEachAnomalyWithinABoundedDelay(Pattern pattern, int maxDelay, double minRecall) {
        int windows = 0;
        int detected = 0;
        int falseFlags = 0;
        for (LabeledSeries s : series(pattern)) {
            double[] scores = Evaluation.run(Detectors.standard(), s);
            for (int w = 0; w < s.windows().size(); w++) {
                windows++;
                int first = firstFlag(scores, s.windows().get(w));
                if (first >= 0) {
                    detected++;
                    int delay = first - s.onsets().get(w);
                    assertTrue(delay <= maxDelay, s.name() + " flagged " + delay + " points after onset");
                }
            }
            falseFlags += flagsOutsideWindows(s, scores);
        }
        assertTrue(detected >= minRecall * windows, pattern + ": detected " + detected + " of " + windows);
        assertTrue(falseFlags <= 1, pattern + ": " + falseFlags + " flags outside the labeled windows");
    }

    @ParameterizedTest
    @EnumSource(value = Pattern.class, names = {"FLAT", "NOISE", "GAPS", "COUNTS"})
    void shouldRaiseNothingOnNormalBehaviour(Pattern pattern) {
        for (LabeledSeries s : series(pattern)) {
            double[] scores = Evaluation.run(Detectors.standard(), s);
            for (int i = 0; i < scores.length; i++) {
                assertTrue(scores[i] < FLAG, s.name() + " scored " + scores[i] + " at " + i);
            }
        }
    }

    @Test
    void shouldFlagALevelShiftOnceNotABurst() {
        for (LabeledSeries s : series(Pattern.LEVEL_SHIFT)) {
            double[] scores = Evaluation.run(Detectors.standard(), s);
            int onset = s.onsets().get(0);
            int flags = 0;
            for (int i = onset; i < scores.length; i++) {
                flags += scores[i] >= FLAG ? 1 : 0;
            }
            assertEquals(1, flags, s.name() + ": flags from the shift to the end");
        }
    }

    @Test
    void shouldTakeAFlatSeriesStepAsOneAnomaly() {
        Detector d = Detectors.standard();
        int flags = 0;
        for (int i = 0; i < 3_000; i++) {
            double v = i < 1_500 ? 0.1 + 0.2 : 0.45; // float noise first, then a real step
            Score s = d.update(T0 + i * 60_000L, v);
            if (s.isAnomaly()) {
                flags++;
                assertEquals(1_500, i);
                assertEquals(0.3, s.expected(), 1e-9);
            }
        }
        assertEquals(1, flags);
    }

    @Test
    void shouldFlagADayWhoseDailyJumpNeverCameOnceAndOnTime() {
        Random r = new Random(6);
        Detector d = Detectors.standard();
        int anomalyStart = 10 * 288 + 96; // day 10, 08:00, when the value should have jumped to 80
        int flags = 0;
        for (int i = 0; i < 14 * 288; i++) {
            int day = i / 288;
            int phase = i % 288;
            boolean busy = phase >= 96 && phase < 192;
            double v = (busy && day != 10 ? 80 : 20) + 2 * r.nextGaussian();
            if (d.update(T0 + i * 300_000L, v).isAnomaly()) {
                flags++;
                assertTrue(i >= anomalyStart && i <= anomalyStart + 5, "flag at " + i);
            }
        }
        assertEquals(1, flags);
    }

    @Test
    void shouldIgnoreMissingPointsAndLongOutagesOfTheFeed() {
        Random r = new Random(9);
        Detector d = Detectors.standard();
        long t = T0;
        for (int i = 0; i < 6_000; i++) {
            // Every 500 points the feed stops for between ten minutes and two days.
            t += i % 500 == 499 ? (10 + r.nextInt(2_870)) * 60_000L : 60_000L;
            double v = 100 + 5 * r.nextGaussian();
            assertTrue(d.update(t, v).score() < FLAG, "flag at point " + i);
        }
    }

    @Test
    void shouldScoreZeroWhileWarmingUpAndForNonFiniteValues() {
        Detector d = Detectors.standard();
        for (int i = 0; i < 200; i++) {
            double v = i % 50 == 49 ? 1e6 : 10 + (i % 3); // wild values inside the warm-up
            assertEquals(0.0, d.update(T0 + i * 1_000L, v).score(), 0.0);
        }
        Score nan = d.update(T0 + 200_000L, Double.NaN);
        assertEquals(0.0, nan.score(), 0.0);
        assertEquals(0.0, nan.confidence(), 0.0);
        assertEquals(0.0, d.update(T0 + 201_000L, Double.POSITIVE_INFINITY).score(), 0.0);
    }

    @Test
    void shouldReportExpectedValueAndConfidenceWithAFlag() {
        Detector d = Detectors.standard();
        Random r = new Random(2);
        for (int i = 0; i < 2_000; i++) {
            d.update(T0 + i * 60_000L, 25 + r.nextGaussian());
        }
        Score spike = d.update(T0 + 2_000 * 60_000L, 900);
        assertTrue(spike.score() > 0.9, "score " + spike.score());
        assertEquals(io.crowdpulse.anomaly.Severity.CRITICAL, spike.severity());
        assertEquals(25.0, spike.expected(), 1.0);
        assertTrue(spike.confidence() > 0.8, "all four models agree: " + spike.confidence());
        assertEquals("combined", spike.detector());
    }

    @Test
    void shouldGiveTheSameScoresForTheSameInput() {
        LabeledSeries s = SyntheticSeries.generate(Pattern.SEASONAL, 77, Noise.AR1);
        double[] a = Evaluation.run(Detectors.standard(), s);
        double[] b = Evaluation.run(Detectors.standard(), s);
        assertTrue(java.util.Arrays.equals(a, b));
        for (double v : a) {
            assertTrue(v >= 0.0 && v <= 1.0);
        }
    }

    @ParameterizedTest
    @CsvSource({"zscore", "robust", "moving-average", "holt"})
    void shouldLetEachSingleModelDetectorFindASpikeAndStayQuietOnNoise(String name) {
        Supplier<Detector> detectors = switch (name) {
            case "zscore" -> () -> ZScoreDetector.newBuilder().build();
            case "robust" -> () -> RobustDetector.newBuilder().build();
            case "moving-average" -> () -> MovingAverageDetector.newBuilder().build();
            default -> () -> HoltDetector.newBuilder().build();
        };
        Random r = new Random(4);
        Detector d = detectors.get();
        int flags = 0;
        for (int i = 0; i < 4_000; i++) {
            double v = 50 + 2 * r.nextGaussian() + (i == 3_000 ? 40 : 0);
            Score s = d.update(T0 + i * 60_000L, v);
            if (s.isAnomaly()) {
                flags++;
                assertEquals(3_000, i, name + " flagged a normal point");
            }
        }
        assertEquals(1, flags, name);
    }

    private static List<LabeledSeries> series(Pattern pattern) {
        List<LabeledSeries> out = new ArrayList<>();
        for (Noise noise : new Noise[] {Noise.WHITE, Noise.AR1}) {
            for (long seed = 1; seed <= 10; seed++) {
                out.add(SyntheticSeries.generate(pattern, 5_000 + seed, noise));
            }
        }
        return out;
    }

    private static int firstFlag(double[] scores, LabeledSeries.Window w) {
        for (int i = w.start(); i <= w.end(); i++) {
            if (scores[i] >= FLAG) {
                return i;
            }
        }
        return -1;
    }

    private static int flagsOutsideWindows(LabeledSeries s, double[] scores) {
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            final int index = i;
            if (scores[i] >= FLAG && s.windows().stream().noneMatch(w -> w.contains(index))) {
                n++;
            }
        }
        return n;
    }
}
