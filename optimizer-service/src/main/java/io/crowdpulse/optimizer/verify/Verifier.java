package io.crowdpulse.optimizer.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a target's key figures after a change with those before it.
 * <p>
 * Each figure's relative change is {@code (after − before) / max(before, floor)}; the floor keeps small bases
 * from turning noise into huge ratios: {@code latencyFloorMs} (10 ms) for p95 and p99, {@code errorRateFloor}
 * (0.02) for the error rate, so 0.001 → 0.002 is a 5 % change, not 100 %. Throughput per user has no floor
 * (a zero or missing base is not compared). Lower is better for latency and errors, higher for throughput, so
 * each figure's improvement is its change with the sign that makes positive better, kept within [−1, 1].
 * <pre>
 * measuredImpact = Σ weight_i × improvement_i / Σ weight_i     over the figures measured in both windows
 * weights: p99 0.35, p95 0.25, error rate 0.25, throughput per user 0.15
 * degraded       = some figure got worse by more than rollbackThreshold (0.10)
 * </pre>
 * A figure that is NaN or infinite in either window is left out (and named in the summary). When either window
 * holds fewer than {@code minSamples} (5) samples, or no figure can be compared, the result is inconclusive:
 * measured impact NaN, not degraded, and the summary says why ({@link VerificationResult#conclusive()}).
 */
public final class Verifier {

    public static final String P95 = "p95Ms";
    public static final String P99 = "p99Ms";
    public static final String ERROR_RATE = "errorRate";
    public static final String THROUGHPUT = "throughputPerUser";

    private static final double P99_WEIGHT = 0.35;
    private static final double P95_WEIGHT = 0.25;
    private static final double ERROR_WEIGHT = 0.25;
    private static final double THROUGHPUT_WEIGHT = 0.15;

    private final double rollbackThreshold;
    private final int minSamples;
    private final double latencyFloorMs;
    private final double errorRateFloor;

    /** @param rollbackThreshold relative degradation (0.10 = 10 %) beyond which a change is rolled back */
    public Verifier(double rollbackThreshold) {
        this(newBuilder().rollbackThreshold(rollbackThreshold));
    }

    private Verifier(Builder b) {
        this.rollbackThreshold = b.rollbackThreshold;
        this.minSamples = b.minSamples;
        this.latencyFloorMs = b.latencyFloorMs;
        this.errorRateFloor = b.errorRateFloor;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public double rollbackThreshold() {
        return rollbackThreshold;
    }

    public VerificationResult verify(WindowFigures before, WindowFigures after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.samples() < minSamples || after.samples() < minSamples) {
            return new VerificationResult(Double.NaN, false, Map.of(), String.format(Locale.ROOT,
                    "not enough data: %d samples before and %d after, %d needed in each window; not rolled back",
                    before.samples(), after.samples(), minSamples));
        }
        Map<String, Double> changes = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> worse = new ArrayList<>();
        double weighted = 0;
        double weights = 0;

        Figure[] figures = {
            new Figure(P95, "p95", before.p95Ms(), after.p95Ms(), latencyFloorMs, true, P95_WEIGHT, " ms"),
            new Figure(P99, "p99", before.p99Ms(), after.p99Ms(), latencyFloorMs, true, P99_WEIGHT, " ms"),
            new Figure(ERROR_RATE, "error rate", before.errorRate(), after.errorRate(), errorRateFloor, true,
                    ERROR_WEIGHT, ""),
            new Figure(THROUGHPUT, "throughput/user", before.throughputPerUser(), after.throughputPerUser(), 0, false,
                    THROUGHPUT_WEIGHT, "")
        };
        for (Figure figure : figures) {
            double base = Math.max(figure.before, figure.floor);
            if (!finite(figure.before) || !finite(figure.after) || !(base > 0)) {
                missing.add(figure.label);
                continue;
            }
            double change = (figure.after - figure.before) / base;
            changes.put(figure.key, change);
            double improvement = clamp(figure.lowerIsBetter ? -change : change);
            weighted += figure.weight * improvement;
            weights += figure.weight;
            parts.add(String.format(Locale.ROOT, "%s %s→%s%s (%+.1f%%)", figure.label, num(figure.before),
                    num(figure.after), figure.unit, change * 100));
            if (-improvement > rollbackThreshold) {
                worse.add(String.format(Locale.ROOT, "%s %.1f%% worse", figure.label, -improvement * 100));
            }
        }
        if (weights == 0) {
            return new VerificationResult(Double.NaN, false, Map.of(),
                    "not enough data: no key figure measured in both windows; not rolled back");
        }
        double impact = weighted / weights;
        boolean degraded = !worse.isEmpty();
        StringBuilder summary = new StringBuilder(String.join(", ", parts));
        summary.append(String.format(Locale.ROOT, "; impact %+.3f", impact));
        if (!missing.isEmpty()) {
            summary.append("; not measured: ").append(String.join(", ", missing));
        }
        summary.append(degraded
                ? String.format(Locale.ROOT, "; degraded beyond %.0f%%: %s", rollbackThreshold * 100,
                        String.join(", ", worse))
                : String.format(Locale.ROOT, "; within the %.0f%% rollback threshold", rollbackThreshold * 100));
        return new VerificationResult(impact, degraded, Collections.unmodifiableMap(changes), summary.toString());
    }

    private record Figure(String key, String label, double before, double after, double floor,
            boolean lowerIsBetter, double weight, String unit) {
    }

    private static boolean finite(double x) {
        return !Double.isNaN(x) && !Double.isInfinite(x);
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, Math.abs(x) >= 10 ? "%.1f" : "%.4g", x);
    }

    /** Builds a {@link Verifier}; every setter checks its argument. */
    public static final class Builder {
        private double rollbackThreshold = 0.10;
        private int minSamples = 5;
        private double latencyFloorMs = 10;
        private double errorRateFloor = 0.02;

        private Builder() {
        }

        /** Relative degradation (0.10 = 10 %) of any key figure beyond which a change is rolled back. */
        public Builder rollbackThreshold(double rollbackThreshold) {
            if (!(rollbackThreshold >= 0) || Double.isInfinite(rollbackThreshold)) {
                throw new IllegalArgumentException("rollbackThreshold must be a non-negative number: "
                        + rollbackThreshold);
            }
            this.rollbackThreshold = rollbackThreshold;
            return this;
        }

        /** Fewest samples each window must hold for a verdict. */
        public Builder minSamples(int minSamples) {
            if (minSamples < 1) {
                throw new IllegalArgumentException("minSamples must be at least 1: " + minSamples);
            }
            this.minSamples = minSamples;
            return this;
        }

        /** The smallest latency base (ms) a relative latency change is taken against. */
        public Builder latencyFloorMs(double latencyFloorMs) {
            if (!(latencyFloorMs >= 0) || Double.isInfinite(latencyFloorMs)) {
                throw new IllegalArgumentException("latencyFloorMs must not be negative: " + latencyFloorMs);
            }
            this.latencyFloorMs = latencyFloorMs;
            return this;
        }

        /** The smallest error-rate base a relative error-rate change is taken against. */
        public Builder errorRateFloor(double errorRateFloor) {
            if (!(errorRateFloor >= 0 && errorRateFloor <= 1)) {
                throw new IllegalArgumentException("errorRateFloor must be within [0, 1]: " + errorRateFloor);
            }
            this.errorRateFloor = errorRateFloor;
            return this;
        }

        public Verifier build() {
            return new Verifier(this);
        }
    }
}
