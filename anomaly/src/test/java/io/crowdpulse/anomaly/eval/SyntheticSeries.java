package io.crowdpulse.anomaly.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of the synthetic labeled set: realistic base noise (white, AR(1) or heavy-tailed, on an arbitrary
 * level and scale) with one pattern injected, NAB-style windows (10% of the length, shared among the anomalies,
 * centred on each onset).
 */
public final class SyntheticSeries {

    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    static final long FIVE_MINUTES = 300_000L;
    static final long MINUTE = 60_000L;

    private SyntheticSeries() {
    }

    /** The whole set: {@code perPattern} series of every pattern, reproducible from {@code seed}. */
    public static List<LabeledSeries> set(long seed, int perPattern) {
        List<LabeledSeries> all = new ArrayList<>();
        for (Pattern p : Pattern.values()) {
            for (int i = 0; i < perPattern; i++) {
                all.add(generate(p, seed * 1_000 + p.ordinal() * 100L + i));
            }
        }
        return all;
    }

    public static LabeledSeries generate(Pattern pattern, long seed) {
        return generate(pattern, seed, null);
    }

    /** One series; {@code forced} fixes the base noise (null: drawn from the seed). */
    public static LabeledSeries generate(Pattern pattern, long seed, Noise forced) {
        Random r = new Random(seed);
        int n = 2_000 + r.nextInt(8_001);
        double level = 20 + r.nextDouble() * 480;
        double sigma = level * (0.01 + r.nextDouble() * 0.05);
        Noise drawn = switch (pattern) {
            case NOISE, RANDOM_WALK -> r.nextBoolean() ? Noise.WHITE : Noise.AR1;
            case HEAVY_TAILED -> Noise.HEAVY;
            default -> Noise.values()[r.nextInt(Noise.values().length)];
        };
        Noise noise = forced == null ? drawn : forced;
        long interval = pattern == Pattern.SEASONAL || pattern == Pattern.SEASONAL_NORMAL || pattern == Pattern.GAPS
                ? FIVE_MINUTES : MINUTE;
        double[] base = new double[n];
        double ar = 0;
        for (int i = 0; i < n; i++) {
            double e = noise.next(r);
            ar = noise == Noise.AR1 ? 0.7 * ar + e * Math.sqrt(1 - 0.49) : e;
            base[i] = level + sigma * ar;
        }
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = START + i * interval;
        }
        List<Integer> onsets = new ArrayList<>();
        // Anomalies land after NAB's probation (15%) plus some room, and far enough apart to have their own window.
        switch (pattern) {
            case SPIKE -> {
                int k = 1 + r.nextInt(3);
                for (int a : positions(r, n, k)) {
                    double size = (6 + r.nextDouble() * 6) * sigma * (r.nextBoolean() ? 1 : -1);
                    int width = 1 + r.nextInt(3);
                    for (int j = 0; j < width; j++) {
                        base[a + j] += size;
                    }
                    onsets.add(a);
                }
            }
            case DIP -> {
                int k = 1 + r.nextInt(2);
                for (int a : positions(r, n, k)) {
                    int width = 3 + r.nextInt(20);
                    double depth = (5 + r.nextDouble() * 5) * sigma;
                    for (int j = 0; j < width; j++) {
                        base[a + j] -= depth;
                    }
                    onsets.add(a);
                }
            }
            case LEVEL_SHIFT -> {
                int a = positions(r, n, 1).get(0);
                double size = (4 + r.nextDouble() * 6) * sigma * (r.nextBoolean() ? 1 : -1);
                for (int j = a; j < n; j++) {
                    base[j] += size;
                }
                onsets.add(a);
            }
            case OUTAGE -> {
                int a = positions(r, n, 1).get(0);
                int len = Math.min(n - a - 1, 300 + r.nextInt(700));
                double size = (4 + r.nextDouble() * 6) * sigma * (r.nextBoolean() ? 1 : -1);
                for (int j = a; j < a + len; j++) {
                    base[j] += size;
                }
                onsets.add(a);
            }
            case TREND_CHANGE -> {
                int a = positions(r, n, 1).get(0);
                int ramp = 100 + r.nextInt(200);
                double total = (8 + r.nextDouble() * 8) * sigma * (r.nextBoolean() ? 1 : -1);
                for (int j = a; j < n; j++) {
                    base[j] += total * Math.min(1.0, (double) (j - a) / ramp);
                }
                onsets.add(a);
            }
            case VARIANCE_CHANGE -> {
                int a = positions(r, n, 1).get(0);
                double factor = 3 + r.nextDouble() * 2;
                int len = Math.min(n - a, 200 + r.nextInt(400));
                for (int j = a; j < a + len; j++) {
                    base[j] = level + (base[j] - level) * factor;
                }
                onsets.add(a);
            }
            case SEASONAL, SEASONAL_NORMAL, GAPS -> {
                double amp = (pattern == Pattern.GAPS ? 4 : 6 + r.nextDouble() * 6) * sigma;
                double phase = r.nextDouble() * 2 * Math.PI;
                for (int i = 0; i < n; i++) {
                    double day = 2 * Math.PI * ((ts[i] - START) % 86_400_000L) / 86_400_000.0;
                    base[i] += amp * (Math.sin(day + phase) + 0.35 * Math.sin(2 * day + 1.3 * phase));
                }
                if (pattern == Pattern.SEASONAL) {
                    int a = positions(r, n, 1).get(0);
                    int width = 12 + r.nextInt(24);
                    double size = (5 + r.nextDouble() * 4) * sigma * (r.nextBoolean() ? 1 : -1);
                    for (int j = a; j < Math.min(n, a + width); j++) {
                        base[j] += size;
                    }
                    onsets.add(a);
                }
            }
            case FLAT -> {
                double v = Math.round(level * 100) / 100.0;
                boolean jitter = r.nextBoolean();
                for (int i = 0; i < n; i++) {
                    // Float noise, as sums of decimals produce: must not look like a change.
                    base[i] = jitter ? v + (r.nextDouble() - 0.5) * Math.ulp(v) * 8 : v;
                }
            }
            case NOISE, HEAVY_TAILED -> {
                // base noise only
            }
            case RANDOM_WALK -> {
                double walk = 0;
                for (int i = 0; i < n; i++) {
                    walk += 0.3 * sigma * r.nextGaussian();
                    base[i] += walk;
                }
            }
            case COUNTS -> {
                double mean = 0.5 + r.nextDouble() * 4.5;
                for (int i = 0; i < n; i++) {
                    base[i] = poisson(r, mean);
                }
            }
        }
        if (pattern == Pattern.GAPS) {
            return withGaps(pattern.name().toLowerCase() + "-" + seed + "-" + noise, pattern, r, ts, base);
        }
        return new LabeledSeries(pattern.name().toLowerCase() + "-" + seed + "-" + noise, pattern, ts, base, onsets,
                windows(n, onsets));
    }

    /** Removes 3 to 8 runs of 10 to 150 points, as a scraper that was down would. */
    private static LabeledSeries withGaps(String name, Pattern pattern, Random r, long[] ts, double[] values) {
        int n = values.length;
        boolean[] drop = new boolean[n];
        int gaps = 3 + r.nextInt(6);
        for (int g = 0; g < gaps; g++) {
            int at = n / 10 + r.nextInt(n * 8 / 10);
            int len = 10 + r.nextInt(141);
            for (int j = at; j < Math.min(n, at + len); j++) {
                drop[j] = true;
            }
        }
        int kept = 0;
        for (boolean d : drop) {
            kept += d ? 0 : 1;
        }
        long[] t = new long[kept];
        double[] v = new double[kept];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!drop[i]) {
                t[k] = ts[i];
                v[k] = values[i];
                k++;
            }
        }
        return new LabeledSeries(name, pattern, t, v, List.of(), List.of());
    }

    private static int poisson(Random r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    private static List<Integer> positions(Random r, int n, int k) {
        List<Integer> out = new ArrayList<>();
        int from = (int) (n * 0.25);
        int span = (int) (n * 0.7) - from;
        int slot = span / k;
        for (int i = 0; i < k; i++) {
            out.add(from + i * slot + slot / 4 + r.nextInt(Math.max(1, slot / 2)));
        }
        return out;
    }

    /** NAB's windows: 10% of the series shared among the anomalies, centred on each onset, clipped to the series. */
    static List<LabeledSeries.Window> windows(int n, List<Integer> onsets) {
        List<LabeledSeries.Window> out = new ArrayList<>();
        if (onsets.isEmpty()) {
            return out;
        }
        int width = (int) (0.1 * n / onsets.size());
        for (int a : onsets) {
            out.add(new LabeledSeries.Window(Math.max(0, a - width / 2), Math.min(n - 1, a + width / 2)));
        }
        return out;
    }

    /** The base noise of a series. */
    public enum Noise {
        WHITE, AR1, HEAVY;

        double next(Random r) {
            if (this == HEAVY) {
                // Student t with 4 degrees of freedom, scaled to unit variance.
                double z = r.nextGaussian();
                double chi = 0;
                for (int i = 0; i < 4; i++) {
                    double g = r.nextGaussian();
                    chi += g * g;
                }
                return z / Math.sqrt(chi / 4) / Math.sqrt(2.0);
            }
            return r.nextGaussian();
        }
    }
}
