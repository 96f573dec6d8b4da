package io.crowdpulse.metrics.scrape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derives a target's request rate, 5xx error rate, throttled (429/503) share and p50/p95/p99 latency over one scrape interval from
 * the difference between two scrapes of its request-duration histogram (not from lifetime totals).
 *
 * <p>All label sets of the histogram family are summed, except those whose {@code uri} starts with
 * {@value #EXCLUDED_URI_PREFIX} (health probes and metrics scrapes, which would otherwise dominate an idle
 * service). A label set absent from the previous scrape is a new route and counts from zero. A label set
 * whose count or any bucket went down was reset (the target restarted) and counts its current values as
 * the delta; so does one whose bucket bounds changed. Label sets with different bucket bounds are merged
 * over the union of their bounds, each contributing at a bound what it counted at its own largest bound
 * at or below it. Requests are taken from {@code _count} ({@code le="+Inf"} when it is missing); a
 * request is an error when its {@code status} label starts with {@code 5}, and throttled when it is
 * {@code 429} (rate limited) or {@code 503} (shed by the concurrency limiter or degraded mode).
 */
public final class HttpHistogramDelta {

    /** The request-duration histogram Quarkus (Micrometer) exposes, in seconds. */
    public static final String DEFAULT_FAMILY = "http_server_requests_seconds";
    /** Requests to routes under this prefix are left out of every figure. */
    public static final String EXCLUDED_URI_PREFIX = "/q/";

    private static final String ALL = "";
    private static final double[] NO_DOUBLES = new double[0];

    private HttpHistogramDelta() {
    }

    /** Figures over all routes of the {@value #DEFAULT_FAMILY} histogram. */
    public static HttpFigures derive(Exposition previous, Exposition current, double intervalSeconds) {
        return derive(previous, current, intervalSeconds, DEFAULT_FAMILY);
    }

    /**
     * Figures over all routes of the histogram {@code family}, between two consecutive scrapes
     * {@code intervalSeconds} apart.
     */
    public static HttpFigures derive(Exposition previous, Exposition current, double intervalSeconds, String family) {
        checkInterval(intervalSeconds);
        Map<String, Group> groups = aggregate(previous, current, family, null);
        return groups.getOrDefault(ALL, new Group(ALL)).figures(intervalSeconds);
    }

    /**
     * Figures per value of the label {@code labelName} (e.g. {@code uri}, {@code status}), for at most
     * {@code maxValues} values: the busiest in the interval, ties broken by value. Label sets without that
     * label are left out. The map iterates from the busiest value down.
     */
    public static Map<String, HttpFigures> deriveBy(Exposition previous, Exposition current, double intervalSeconds,
            String family, String labelName, int maxValues) {
        checkInterval(intervalSeconds);
        Objects.requireNonNull(labelName, "labelName");
        if (maxValues < 0) {
            throw new IllegalArgumentException("maxValues must be >= 0, was " + maxValues);
        }
        List<Group> groups = new ArrayList<>(aggregate(previous, current, family, labelName).values());
        groups.sort(Comparator.comparingDouble((Group g) -> g.requests).reversed().thenComparing(g -> g.key));
        Map<String, HttpFigures> figures = new LinkedHashMap<>();
        for (int i = 0; i < groups.size() && i < maxValues; i++) {
            Group group = groups.get(i);
            figures.put(group.key, group.figures(intervalSeconds));
        }
        return Collections.unmodifiableMap(figures);
    }

    private static void checkInterval(double intervalSeconds) {
        if (!(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("intervalSeconds must be positive and finite, was " + intervalSeconds);
        }
    }

    /** Per group (all label sets, or one group per value of {@code labelName}): summed deltas. */
    private static Map<String, Group> aggregate(Exposition previous, Exposition current, String family,
            String labelName) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(family, "family");
        Map<Labels, Series> before = index(previous, family);
        Map<Labels, Series> after = index(current, family);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Series series : after.values()) {
            String key = labelName == null ? ALL : series.labels.get(labelName);
            if (key == null) {
                continue;
            }
            groups.computeIfAbsent(key, Group::new).add(series, before.get(series.labels));
        }
        return groups;
    }

    /** The family's label sets (without {@code le}) of one scrape, with their count and buckets. */
    private static Map<Labels, Series> index(Exposition exposition, String family) {
        String bucketName = family + "_bucket";
        String countName = family + "_count";
        Map<Labels, Series> index = new LinkedHashMap<>();
        Series last = null;
        for (PromSample sample : exposition.samples()) {
            String name = sample.name();
            boolean bucket = name.equals(bucketName);
            if ((!bucket && !name.equals(countName)) || Double.isNaN(sample.value())) {
                continue;
            }
            Labels labels = Labels.copyOf(sample.labels());
            String uri = labels.get("uri");
            if (uri != null && uri.startsWith(EXCLUDED_URI_PREFIX)) {
                continue;
            }
            if (bucket) {
                double bound = parseBound(labels.get("le"));
                if (Double.isNaN(bound)) {
                    continue;
                }
                // Buckets of one label set come in a run; skip building its key again for each of them.
                if (last == null || !last.labels.equalsIgnoring(labels, "le")) {
                    last = index.computeIfAbsent(labels.without("le"), Series::new);
                }
                last.addBucket(bound, sample.value());
            } else {
                index.computeIfAbsent(labels, Series::new).count = sample.value();
            }
        }
        for (Series series : index.values()) {
            series.sortBuckets();
        }
        return index;
    }

    private static double parseBound(String le) {
        if (le == null) {
            return Double.NaN;
        }
        if (le.equals("+Inf") || le.equals("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One label set of the family in one scrape. */
    private static final class Series {
        final Labels labels;
        double count = Double.NaN;
        double[] bounds = NO_DOUBLES;
        double[] buckets = NO_DOUBLES;
        int n;

        Series(Labels labels) {
            this.labels = labels;
        }

        void addBucket(double bound, double cumulative) {
            if (n == bounds.length) {
                int capacity = Math.max(16, n * 2);
                bounds = Arrays.copyOf(bounds, capacity);
                buckets = Arrays.copyOf(buckets, capacity);
            }
            bounds[n] = bound;
            buckets[n] = cumulative;
            n++;
        }

        void sortBuckets() {
            for (int i = 1; i < n; i++) {
                if (bounds[i] < bounds[i - 1]) {
                    sortBy(bounds, buckets, n);
                    return;
                }
            }
        }

        /** Requests so far: the count, else the {@code +Inf} bucket, else NaN. */
        double total() {
            if (!Double.isNaN(count)) {
                return count;
            }
            return n > 0 && bounds[n - 1] == Double.POSITIVE_INFINITY ? buckets[n - 1] : Double.NaN;
        }

        /** The cumulative count at {@code bound}, NaN when this series has no such bucket. */
        double bucketAt(double bound, int hint) {
            if (hint < n && bounds[hint] == bound) {
                return buckets[hint];
            }
            int at = Arrays.binarySearch(bounds, 0, n, bound);
            return at >= 0 ? buckets[at] : Double.NaN;
        }
    }

    private static void sortBy(double[] keys, double[] values, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        double[] sortedKeys = new double[n];
        double[] sortedValues = new double[n];
        for (int i = 0; i < n; i++) {
            sortedKeys[i] = keys[order[i]];
            sortedValues[i] = values[order[i]];
        }
        System.arraycopy(sortedKeys, 0, keys, 0, n);
        System.arraycopy(sortedValues, 0, values, 0, n);
    }

    /** The summed deltas of the label sets in one group. */
    private static final class Group {
        final String key;
        double requests;
        double errors;
        double throttled;
        final List<double[]> partBounds = new ArrayList<>();
        final List<double[]> partDeltas = new ArrayList<>();

        Group(String key) {
            this.key = key;
        }

        void add(Series now, Series before) {
            boolean fromZero = before == null || wasReset(before, now);
            double total = zeroIfNaN(now.total());
            double delta = fromZero ? total : Math.max(0, total - zeroIfNaN(before.total()));
            requests += delta;
            String status = now.labels.get("status");
            if (status != null && status.startsWith("5")) {
                errors += delta;
            }
            if ("429".equals(status) || "503".equals(status)) {
                throttled += delta;
            }
            if (now.n > 0) {
                double[] deltas = new double[now.n];
                for (int i = 0; i < now.n; i++) {
                    deltas[i] = fromZero ? now.buckets[i] : Math.max(0, now.buckets[i] - before.bucketAt(now.bounds[i], i));
                }
                partBounds.add(Arrays.copyOf(now.bounds, now.n));
                partDeltas.add(deltas);
            }
        }

        private static boolean wasReset(Series before, Series now) {
            if (now.total() < before.total()) {
                return true;
            }
            for (int i = 0; i < now.n; i++) {
                double previous = before.bucketAt(now.bounds[i], i);
                if (Double.isNaN(previous) || now.buckets[i] < previous) {
                    return true;
                }
            }
            return false;
        }

        HttpFigures figures(double intervalSeconds) {
            long count = Math.round(requests);
            if (count == 0) {
                return new HttpFigures(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
            }
            double errorRate = Math.min(1, errors / requests);
            double throttledRate = Math.min(1, throttled / requests);
            double[] bounds = mergedBounds();
            double[] cumulative = mergedCumulative(bounds);
            return new HttpFigures(count, count / intervalSeconds, errorRate, throttledRate,
                    millis(0.50, bounds, cumulative), millis(0.95, bounds, cumulative), millis(0.99, bounds, cumulative));
        }

        private static double millis(double q, double[] bounds, double[] cumulative) {
            int n = bounds.length;
            return Histograms.quantileOfSorted(q, Arrays.copyOf(bounds, n), Arrays.copyOf(cumulative, n), n) * 1000.0;
        }

        /** The sorted union of the parts' bounds; in practice every part has the same ones. */
        private double[] mergedBounds() {
            if (partBounds.isEmpty()) {
                return NO_DOUBLES;
            }
            double[] first = partBounds.get(0);
            boolean same = true;
            int total = 0;
            for (double[] b : partBounds) {
                same &= Arrays.equals(b, first);
                total += b.length;
            }
            if (same) {
                return first;
            }
            double[] all = new double[total];
            int at = 0;
            for (double[] b : partBounds) {
                System.arraycopy(b, 0, all, at, b.length);
                at += b.length;
            }
            Arrays.sort(all);
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[distinct - 1]) {
                    all[distinct++] = all[i];
                }
            }
            return Arrays.copyOf(all, distinct);
        }

        private double[] mergedCumulative(double[] bounds) {
            double[] cumulative = new double[bounds.length];
            for (int p = 0; p < partBounds.size(); p++) {
                double[] own = partBounds.get(p);
                double[] deltas = partDeltas.get(p);
                int j = 0;
                for (int k = 0; k < bounds.length; k++) {
                    while (j < own.length && own[j] <= bounds[k]) {
                        j++;
                    }
                    if (j > 0) {
                        cumulative[k] += deltas[j - 1];
                    }
                }
            }
            return cumulative;
        }

        private static double zeroIfNaN(double v) {
            return Double.isNaN(v) ? 0 : v;
        }
    }
}
