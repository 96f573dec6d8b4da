package io.crowdpulse.anomaly.eval;

import java.util.List;

/**
 * A small re-implementation of the Numenta Anomaly Benchmark's scoring, standard profile (A_TP = 1, A_FP = −0.11,
 * A_FN = −1): every point whose score reaches the threshold is a detection; the first detection in a window earns
 * A_TP scaled by a sigmoid of how early in the window it came; each detection outside every window costs A_FP (less
 * right after a window); each window without a detection costs A_FN. Detections in the probation period (the first
 * 15% of the series, at most 750 points) are ignored.
 */
public final class NabScorer {

    static final double A_TP = 1.0;
    static final double A_FP = -0.11;
    static final double A_FN = -1.0;
    static final double THRESHOLD = 0.5;

    private NabScorer() {
    }

    /**
     * The outcome on one series.
     *
     * @param raw NAB raw score
     * @param perfect the raw score of a perfect detector (every window hit at its start)
     * @param nullScore the raw score of a detector that never flags
     * @param truePositives windows detected
     * @param falsePositives detections outside every window (after probation)
     * @param windows windows labeled
     * @param delaySum sum over detected windows of (first detection − onset), in points
     */
    public record Result(double raw, double perfect, double nullScore, int truePositives, int falsePositives,
            int windows, long delaySum) {

        static final Result ZERO = new Result(0, 0, 0, 0, 0, 0, 0);

        Result plus(Result o) {
            return new Result(raw + o.raw, perfect + o.perfect, nullScore + o.nullScore,
                    truePositives + o.truePositives, falsePositives + o.falsePositives, windows + o.windows,
                    delaySum + o.delaySum);
        }

        /** NAB's normalized score: 100 for perfect, 0 for never flagging; NaN when there is nothing to find. */
        public double normalized() {
            double range = perfect - nullScore;
            return range == 0 ? Double.NaN : 100.0 * (raw - nullScore) / range;
        }

        public double precision() {
            int flagged = truePositives + falsePositives;
            return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
        }

        public double recall() {
            return windows == 0 ? Double.NaN : (double) truePositives / windows;
        }

        public double meanDelay() {
            return truePositives == 0 ? Double.NaN : (double) delaySum / truePositives;
        }
    }

    public static Result score(LabeledSeries series, double[] scores) {
        int n = series.length();
        int probation = (int) Math.min(Math.floor(0.15 * n), 0.15 * 5000);
        List<LabeledSeries.Window> windows = series.windows();
        boolean[] hit = new boolean[windows.size()];
        double raw = 0;
        int tp = 0;
        int fp = 0;
        long delay = 0;
        for (int i = probation; i < n; i++) {
            if (scores[i] < THRESHOLD) {
                continue;
            }
            int w = windowOf(windows, i);
            if (w >= 0) {
                if (!hit[w]) {
                    hit[w] = true;
                    LabeledSeries.Window win = windows.get(w);
                    double position = -(double) (win.end() - i + 1) / win.length();
                    raw += A_TP * scaledSigmoid(position);
                    tp++;
                    delay += i - series.onsets().get(w);
                }
            } else {
                fp++;
                int before = windowBefore(windows, i);
                if (before < 0) {
                    raw += A_FP;
                } else {
                    LabeledSeries.Window win = windows.get(before);
                    double position = (double) (i - win.end()) / win.length();
                    raw += A_FP * -scaledSigmoid(position);
                }
            }
        }
        for (boolean h : hit) {
            if (!h) {
                raw += A_FN;
            }
        }
        double perfect = windows.size() * A_TP * scaledSigmoid(-1.0);
        double nullScore = windows.size() * A_FN;
        return new Result(raw, perfect, nullScore, tp, fp, windows.size(), delay);
    }

    static Result sum(List<Result> results) {
        Result total = Result.ZERO;
        for (Result r : results) {
            total = total.plus(r);
        }
        return total;
    }

    static double scaledSigmoid(double position) {
        if (position > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    private static int windowOf(List<LabeledSeries.Window> windows, int i) {
        for (int w = 0; w < windows.size(); w++) {
            if (windows.get(w).contains(i)) {
                return w;
            }
        }
        return -1;
    }

    private static int windowBefore(List<LabeledSeries.Window> windows, int i) {
        int best = -1;
        for (int w = 0; w < windows.size(); w++) {
            if (windows.get(w).end() < i) {
                best = w;
            }
        }
        return best;
    }
}
