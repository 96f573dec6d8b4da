package io.crowdpulse.anomaly.eval;

import io.crowdpulse.anomaly.Detector;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Runs a detector over the synthetic labeled set and tabulates NAB score, precision, recall and delay by pattern. */
public final class Evaluation {

    /** The per-pattern and overall results. */
    public record Report(Map<Pattern, NabScorer.Result> byPattern, NabScorer.Result overall, int series,
            long points) {

        public String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("| pattern | series | windows | detected | false flags | precision | recall "
                    + "| mean delay (points) | NAB-like score |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<Pattern, NabScorer.Result> e : byPattern.entrySet()) {
                row(sb, e.getKey().label(), seriesOf(e.getKey()), e.getValue());
            }
            row(sb, "**overall**", series, overall);
            return sb.toString();
        }

        private int seriesOf(Pattern p) {
            return series / byPattern.size();
        }

        private static void row(StringBuilder sb, String label, int series, NabScorer.Result r) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s | %s | %s | %s |%n", label, series,
                    r.windows(), r.truePositives(), r.falsePositives(), fmt(r.precision(), 2),
                    fmt(r.recall(), 2), fmt(r.meanDelay(), 1),
                    Double.isNaN(r.normalized()) ? String.format(Locale.ROOT, "%.2f (raw)", r.raw())
                            : fmt(r.normalized(), 1)));
        }

        private static String fmt(double v, int decimals) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }

    private Evaluation() {
    }

    public static double[] run(Detector detector, LabeledSeries s) {
        double[] scores = new double[s.length()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detector.update(s.timestamps()[i], s.values()[i]).score();
        }
        return scores;
    }

    public static Report evaluate(Supplier<Detector> detectors, List<LabeledSeries> set) {
        Map<Pattern, List<NabScorer.Result>> grouped = new EnumMap<>(Pattern.class);
        List<NabScorer.Result> all = new ArrayList<>();
        long points = 0;
        for (LabeledSeries s : set) {
            NabScorer.Result r = NabScorer.score(s, run(detectors.get(), s));
            grouped.computeIfAbsent(s.pattern(), k -> new ArrayList<>()).add(r);
            all.add(r);
            points += s.length();
        }
        Map<Pattern, NabScorer.Result> byPattern = new EnumMap<>(Pattern.class);
        grouped.forEach((p, rs) -> byPattern.put(p, NabScorer.sum(rs)));
        return new Report(byPattern, NabScorer.sum(all), set.size(), points);
    }
}
