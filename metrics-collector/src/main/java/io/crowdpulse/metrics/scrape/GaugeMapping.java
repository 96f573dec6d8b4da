package io.crowdpulse.metrics.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Translates the gauges of a scrape into Crowdpulse metrics: queue sizes, pool usage, and every other
 * gauge as {@code gauge.<name>}.
 *
 * <p>Only samples of {@code gauge} and {@code untyped} families are considered (counters, histograms and
 * summaries are not); each keeps its labels. The rules, first match wins:
 * <ol>
 *   <li>{@code <x>_queue_size}, {@code <x>_queue_depth}, {@code <x>_backlog} become
 *       {@code queue.<slug(x)>.size};</li>
 *   <li>{@code <x>_pool_usage} and {@code <x>_pool_ratio} (already a 0..1 ratio, as Vert.x and Quarkus
 *       expose it) become {@code pool.<slug(x)>.usage};</li>
 *   <li>{@code <x>_pool_active} with a {@code <x>_pool_max} (else {@code <x>_pool_size}) of the same label
 *       set becomes {@code pool.<slug(x)>.usage} = active / max, and neither is reported on its own;
 *       unless rule 2 already gives a ratio for that pool and label set, in which case both stay plain
 *       gauges;</li>
 *   <li>anything else becomes {@code gauge.<name>}, the exposed name unchanged.</li>
 * </ol>
 * {@code slug(x)} is {@code x} in lower case with every run of characters outside {@code [a-z0-9]}
 * (underscores, colons) turned into one dash and none at either end:
 * {@code crowdpulse_sessions_records_backlog} becomes {@code queue.crowdpulse-sessions-records.size}.
 * Prefixes are kept (the target already says which service a series is from, the prefix says which
 * component). Non-finite values are skipped. At most {@code maxSamples} are returned per scrape, queue and
 * pool metrics first, then the plain gauges, each in exposition order.
 */
public final class GaugeMapping {

    static final String QUEUE_PREFIX = "queue.";
    static final String QUEUE_SUFFIX = ".size";
    static final String POOL_PREFIX = "pool.";
    static final String POOL_SUFFIX = ".usage";
    static final String GAUGE_PREFIX = "gauge.";

    private static final String[] QUEUE_NAME_SUFFIXES = {"_queue_size", "_queue_depth", "_backlog"};
    private static final String[] USAGE_NAME_SUFFIXES = {"_pool_usage", "_pool_ratio"};
    private static final String ACTIVE_NAME_SUFFIX = "_pool_active";
    private static final String MAX_NAME_SUFFIX = "_pool_max";
    private static final String SIZE_NAME_SUFFIX = "_pool_size";

    private GaugeMapping() {
    }

    /** The Crowdpulse samples for the gauges of {@code exposition}, at most {@code maxSamples} of them. */
    public static List<MappedSample> map(Exposition exposition, int maxSamples) {
        Objects.requireNonNull(exposition, "exposition");
        if (maxSamples < 0) {
            throw new IllegalArgumentException("maxSamples must be >= 0, was " + maxSamples);
        }
        List<PromSample> gauges = new ArrayList<>();
        for (PromSample sample : exposition.samples()) {
            String type = exposition.typeOf(sample.name());
            if (type.equals(Exposition.GAUGE) || type.equals(Exposition.UNTYPED)) {
                gauges.add(sample);
            }
        }
        Pools pools = Pools.of(gauges);
        Map<String, String> metricNames = new HashMap<>();
        List<MappedSample> mapped = new ArrayList<>();
        List<MappedSample> plain = new ArrayList<>();
        for (PromSample sample : gauges) {
            String name = sample.name();
            String metric = metricNames.computeIfAbsent(name, GaugeMapping::specificMetric);
            double value = sample.value();
            if (metric == null && name.endsWith(ACTIVE_NAME_SUFFIX)) {
                PromSample capacity = pools.capacityFor(sample);
                if (capacity != null) {
                    metric = POOL_PREFIX + slug(withoutSuffix(name, ACTIVE_NAME_SUFFIX)) + POOL_SUFFIX;
                    value = capacity.value() > 0 ? value / capacity.value() : Double.NaN;
                }
            } else if (metric == null && pools.isPairedCapacity(sample)) {
                continue;
            }
            if (!Double.isFinite(value)) {
                continue;
            }
            if (metric != null) {
                mapped.add(new MappedSample(metric, sample.labels(), value));
            } else if (plain.size() < maxSamples) {
                plain.add(new MappedSample(GAUGE_PREFIX + name, sample.labels(), value));
            }
        }
        List<MappedSample> result = new ArrayList<>(Math.min(maxSamples, mapped.size() + plain.size()));
        for (int i = 0; i < mapped.size() && result.size() < maxSamples; i++) {
            result.add(mapped.get(i));
        }
        for (int i = 0; i < plain.size() && result.size() < maxSamples; i++) {
            result.add(plain.get(i));
        }
        return List.copyOf(result);
    }

    /** The queue or pool-usage metric a sample name maps to by rules 1 and 2, null for the other rules. */
    private static String specificMetric(String name) {
        for (String suffix : QUEUE_NAME_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String slug = slug(name.substring(0, name.length() - suffix.length()));
                return slug.isEmpty() ? null : QUEUE_PREFIX + slug + QUEUE_SUFFIX;
            }
        }
        for (String suffix : USAGE_NAME_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String slug = slug(name.substring(0, name.length() - suffix.length()));
                return slug.isEmpty() ? null : POOL_PREFIX + slug + POOL_SUFFIX;
            }
        }
        return null;
    }

    private static String withoutSuffix(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    /** Lower case, runs of characters outside {@code [a-z0-9]} as one dash, no dash at either end. */
    static String slug(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean pendingDash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (pendingDash && b.length() > 0) {
                    b.append('-');
                }
                pendingDash = false;
                b.append(c);
            } else {
                pendingDash = true;
            }
        }
        return b.toString();
    }

    /** The {@code _pool_active} / {@code _pool_max} pairs of one scrape (rule 3). */
    private static final class Pools {
        private final Map<PoolKey, PromSample> capacities = new HashMap<>();
        private final Set<PoolKey> ratios = new HashSet<>();
        private final Set<PoolKey> actives = new HashSet<>();

        static Pools of(List<PromSample> gauges) {
            Pools pools = new Pools();
            for (PromSample sample : gauges) {
                String name = sample.name();
                if (name.endsWith(MAX_NAME_SUFFIX)) {
                    pools.capacities.put(PoolKey.of(sample, MAX_NAME_SUFFIX), sample);
                } else if (name.endsWith(ACTIVE_NAME_SUFFIX)) {
                    pools.actives.add(PoolKey.of(sample, ACTIVE_NAME_SUFFIX));
                } else {
                    for (String suffix : USAGE_NAME_SUFFIXES) {
                        if (name.endsWith(suffix)) {
                            pools.ratios.add(PoolKey.of(sample, suffix));
                        }
                    }
                }
            }
            // A _pool_max wins over a _pool_size of the same pool and label set, wherever each appears.
            for (PromSample sample : gauges) {
                if (sample.name().endsWith(SIZE_NAME_SUFFIX)) {
                    pools.capacities.putIfAbsent(PoolKey.of(sample, SIZE_NAME_SUFFIX), sample);
                }
            }
            return pools;
        }

        /** The capacity to divide an active count by, null when it has none or a ratio exists already. */
        PromSample capacityFor(PromSample active) {
            PoolKey key = PoolKey.of(active, ACTIVE_NAME_SUFFIX);
            return ratios.contains(key) ? null : capacities.get(key);
        }

        boolean isPairedCapacity(PromSample sample) {
            String name = sample.name();
            String suffix = name.endsWith(MAX_NAME_SUFFIX) ? MAX_NAME_SUFFIX
                    : name.endsWith(SIZE_NAME_SUFFIX) ? SIZE_NAME_SUFFIX : null;
            if (suffix == null) {
                return false;
            }
            PoolKey key = PoolKey.of(sample, suffix);
            return capacities.get(key) == sample && actives.contains(key) && !ratios.contains(key);
        }
    }

    private record PoolKey(String pool, Map<String, String> labels) {
        static PoolKey of(PromSample sample, String suffix) {
            return new PoolKey(withoutSuffix(sample.name(), suffix), sample.labels());
        }
    }
}
