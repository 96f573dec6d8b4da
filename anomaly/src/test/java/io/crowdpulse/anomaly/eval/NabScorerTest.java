package io.crowdpulse.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {

    private static final LabeledSeries ONE_WINDOW = series(1_000, List.of(500));

    @Test
    void shouldScoreADetectorThatNeverFlagsAtZero() {
        NabScorer.Result r = NabScorer.score(ONE_WINDOW, new double[1_000]);
        assertEquals(-1.0, r.raw(), 1e-12);
        assertEquals(0.0, r.normalized(), 1e-9);
        assertEquals(0, r.truePositives());
    }

    @Test
    void shouldRewardEarlyDetectionMoreThanLateAndCountOnlyTheFirst() {
        LabeledSeries.Window w = ONE_WINDOW.windows().get(0);
        assertEquals(new LabeledSeries.Window(450, 550), w);
        double early = NabScorer.score(ONE_WINDOW, flags(1_000, 450, 451, 452)).raw();
        double onset = NabScorer.score(ONE_WINDOW, flags(1_000, 500)).raw();
        double late = NabScorer.score(ONE_WINDOW, flags(1_000, 549)).raw();
        assertTrue(early > onset && onset > late && late > 0, early + " " + onset + " " + late);
        assertEquals(100.0, NabScorer.score(ONE_WINDOW, flags(1_000, 450)).normalized(), 1.0);
        NabScorer.Result r = NabScorer.score(ONE_WINDOW, flags(1_000, 500));
        assertEquals(0, r.delaySum());
        assertEquals(1.0, r.precision(), 0.0);
    }

    @Test
    void shouldChargeFalsePositivesButIgnoreTheProbationPeriod() {
        double clean = NabScorer.score(ONE_WINDOW, flags(1_000, 500)).raw();
        double withFalse = NabScorer.score(ONE_WINDOW, flags(1_000, 500, 300)).raw();
        double inProbation = NabScorer.score(ONE_WINDOW, flags(1_000, 500, 100)).raw();
        assertEquals(-0.11, withFalse - clean, 1e-9);
        assertEquals(clean, inProbation, 1e-12);
        double rightAfter = NabScorer.score(ONE_WINDOW, flags(1_000, 500, 552)).raw();
        assertTrue(rightAfter - clean > -0.11, "a flag just after a window costs less");
    }

    private static double[] flags(int n, int... at) {
        double[] s = new double[n];
        for (int i : at) {
            s[i] = 1.0;
        }
        return s;
    }

    private static LabeledSeries series(int n, List<Integer> onsets) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 60_000L;
        }
        return new LabeledSeries("test", Pattern.SPIKE, ts, new double[n], onsets,
                SyntheticSeries.windows(n, onsets));
    }
}
