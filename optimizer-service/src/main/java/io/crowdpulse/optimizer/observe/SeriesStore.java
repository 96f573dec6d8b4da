package io.crowdpulse.optimizer.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;

/**
 * The recent values of every overall series (metric + target) the snapshots carry, per target,
 * in bounded rolling windows: at most {@code maxSeries} series of {@code capacity} values no older than
 * {@code maxAgeMillis} each. Plain Java, thread-safe.
 */
public final class SeriesStore {

    private static final String PARTITION = "partition";
    private static final String LIMITER_GAUGES = Metrics.GAUGE_PREFIX + "crowdpulse_limiter_";
    private static final String ALL = "all";

    private final int capacity;
    private final long maxAgeMillis;
    private final int maxSeries;
    private final Map<String, Map<String, RollingWindow>> byTarget = new ConcurrentHashMap<>();
    private final AtomicInteger series = new AtomicInteger();

    public SeriesStore(int capacity, long maxAgeMillis, int maxSeries) {
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
        this.maxSeries = maxSeries;
    }

    /**
     * Adds the overall samples of one snapshot taken at {@code at}. A sample is overall when it has no labels,
     * or when its only label is {@code partition=all} (the limiter's totals). Labelled queue and pool samples
     * (one per background worker or pool) fold into their metric's overall series as the largest of the
     * snapshot, since the fullest queue or pool is the one that limits; the limiter's per-partition gauges are
     * kept as {@code metric.partition}; other labelled samples are per-route detail, skipped.
     */
    public void add(Instant at, List<MetricSample> samples) {
        long t = at.toEpochMilli();
        Map<String, Map<String, Double>> fullest = null;
        for (MetricSample s : samples) {
            if (s.metric() == null || s.target() == null) {
                continue;
            }
            if (isOverall(s.labels())) {
                addValue(t, s.target(), s.metric(), s.value());
            } else if (isLimiterPartition(s)) {
                addValue(t, s.target(), s.metric() + "." + s.labels().get(PARTITION), s.value());
            } else if (isQueueOrPool(s.metric())) {
                if (fullest == null) {
                    fullest = new TreeMap<>();
                }
                fullest.computeIfAbsent(s.target(), k -> new TreeMap<>()).merge(s.metric(), s.value(), Math::max);
            }
        }
        if (fullest != null) {
            fullest.forEach((target, metrics) -> metrics.forEach((metric, value) -> addValue(t, target, metric, value)));
        }
    }

    private static boolean isOverall(Map<String, String> labels) {
        return labels.isEmpty() || (labels.size() == 1 && ALL.equals(labels.get(PARTITION)));
    }

    /** The limiter's per-partition gauges, kept as {@code metric.partition} (the query ceiling reads them). */
    private static boolean isLimiterPartition(MetricSample s) {
        return s.metric().startsWith(LIMITER_GAUGES) && s.labels().size() == 1 && s.labels().containsKey(PARTITION);
    }

    private static boolean isQueueOrPool(String metric) {
        return (metric.startsWith(Metrics.QUEUE_PREFIX) && metric.endsWith(Metrics.QUEUE_SUFFIX))
                || (metric.startsWith(Metrics.POOL_PREFIX) && metric.endsWith(Metrics.POOL_SUFFIX));
    }

    private void addValue(long t, String target, String metric, double value) {
        RollingWindow window = window(target, metric);
        if (window != null) {
            window.add(t, value);
        }
    }

    private RollingWindow window(String target, String metric) {
        Map<String, RollingWindow> metrics = byTarget.computeIfAbsent(target, k -> new ConcurrentHashMap<>());
        RollingWindow existing = metrics.get(metric);
        if (existing != null) {
            return existing;
        }
        if (series.get() >= maxSeries) {
            return null;
        }
        return metrics.computeIfAbsent(metric, k -> {
            series.incrementAndGet();
            return new RollingWindow(capacity, maxAgeMillis);
        });
    }

    /** Every series of {@code target} over {@code [from, to]}, by metric; series without values there are left out. */
    public Map<String, SeriesFigures> figures(String target, Instant from, Instant to) {
        Map<String, SeriesFigures> result = new TreeMap<>();
        Map<String, RollingWindow> metrics = byTarget.get(target);
        if (metrics == null) {
            return result;
        }
        metrics.forEach((metric, window) -> window.figures(metric, from.toEpochMilli(), to.toEpochMilli())
                .ifPresent(f -> result.put(metric, f)));
        return result;
    }

    public int seriesCount() {
        return series.get();
    }
}
