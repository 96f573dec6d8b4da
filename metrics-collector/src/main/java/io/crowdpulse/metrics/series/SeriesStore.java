package io.crowdpulse.metrics.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.anomaly.stats.WindowSnapshot;
import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.metrics.anomalies.DetectorFactory;
import io.crowdpulse.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Every series this replica sees, with its recent points, statistics over the configured windows, data
 * quality and anomaly detector. Memory is bounded: at most {@code max-series} series of at most
 * {@link #capacity()} points each (16 bytes a point); a series idle longer than the longest window is
 * dropped.
 */
@ApplicationScoped
public class SeriesStore {

    private static final int MAX_POINTS_PER_SERIES = 4096;

    private final Map<SeriesKey, SeriesState> series = new ConcurrentHashMap<>();
    private final DetectorFactory detectors;
    private final Clock clock;
    private final int maxSeries;
    private final List<Duration> windows;
    private final Duration longestWindow;
    private final long intervalMillis;
    private final int capacity;
    private final LongAdder droppedSamples = new LongAdder();

    public SeriesStore(MetricsConfig config, DetectorFactory detectors, Clock clock, MeterRegistry meters) {
        this.detectors = detectors;
        this.clock = clock;
        this.maxSeries = config.maxSeries();
        this.windows = List.copyOf(config.windows());
        this.longestWindow = windows.stream().max(Comparator.naturalOrder()).orElse(Duration.ofMinutes(15));
        this.intervalMillis = config.interval().toMillis();
        this.capacity = (int) Math.min(MAX_POINTS_PER_SERIES, longestWindow.toMillis() / Math.max(1, intervalMillis) + 16);
        meters.gaugeMapSize("crowdpulse.metrics.series", List.of(), series);
        meters.more().counter("crowdpulse.metrics.samples.dropped", List.of(), droppedSamples);
    }

    public int capacity() {
        return capacity;
    }

    /** Records one round of samples; returns every point a detector flagged. */
    public List<Flagged> record(Instant at, List<MetricSample> samples) {
        List<Flagged> anomalies = new ArrayList<>();
        long millis = at.toEpochMilli();
        for (MetricSample sample : samples) {
            SeriesKey key = SeriesKey.of(sample);
            SeriesState state = series.get(key);
            if (state == null) {
                if (series.size() >= maxSeries) {
                    droppedSamples.increment();
                    continue;
                }
                state = series.computeIfAbsent(key, k -> new SeriesState(k, capacity, windows, detectors.create(k), intervalMillis));
            }
            state.add(millis, sample.value()).ifPresent(d -> anomalies.add(new Flagged(key, AnomalyEvent.of(at,
                    key.metric(), key.target(), sample.value(), d.expected(), d.score(), d.severity(), d.detector(),
                    d.confidence()))));
        }
        return anomalies;
    }

    /** Series matching the optional metric and target, sorted by id. */
    public List<SeriesInfo> list(String metric, String target) {
        long now = clock.millis();
        return matching(metric, target).stream()
                .map(s -> new SeriesInfo(s.key().metric(), s.key().target(), s.key().labels(), s.lastValue(),
                        Instant.ofEpochMilli(s.lastMillis()), s.quality(now)))
                .toList();
    }

    /** Statistics over every window, and the points of {@code window}, of each matching series. */
    public List<SeriesDetail> describe(String metric, String target, Duration window) {
        long now = clock.millis();
        List<SeriesDetail> details = new ArrayList<>();
        for (SeriesState s : matching(metric, target)) {
            PointBuffer.Points points = s.between(now - window.toMillis(), Long.MAX_VALUE);
            details.add(new SeriesDetail(s.key().metric(), s.key().target(), s.key().labels(), s.summaries(now),
                    s.quality(now), PointView.of(points)));
        }
        return details;
    }

    /** The points in [from, to) of every matching series, for export. */
    public List<SeriesPoints> points(String metric, String target, Instant from, Instant to) {
        List<SeriesPoints> out = new ArrayList<>();
        for (SeriesState s : matching(metric, target)) {
            PointBuffer.Points points = s.between(from.toEpochMilli(), to.toEpochMilli());
            if (points.size() > 0) {
                out.add(new SeriesPoints(s.key(), PointView.of(points)));
            }
        }
        return out;
    }

    public Optional<Instant> oldestRetained() {
        return Optional.of(clock.instant().minus(longestWindow));
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropIdleSeries() {
        long cutoff = clock.millis() - longestWindow.toMillis();
        series.values().removeIf(s -> s.lastMillis() < cutoff);
    }

    private List<SeriesState> matching(String metric, String target) {
        return series.values().stream()
                .filter(s -> metric == null || s.key().metric().equals(metric))
                .filter(s -> target == null || s.key().target().equals(target))
                .sorted(Comparator.comparing(s -> s.key().id()))
                .toList();
    }

    /** A point a detector flagged, with the labels of its series (the event carries metric and target only). */
    public record Flagged(SeriesKey key, AnomalyEvent event) {
    }

    /** A series and its latest value. */
    public record SeriesInfo(String metric, String target, Map<String, String> labels, double lastValue,
            Instant lastUpdate, DataQuality quality) {
    }

    /** A series with its window statistics, data quality and recent points. */
    public record SeriesDetail(String metric, String target, Map<String, String> labels, Map<String, WindowSnapshot> windows,
            DataQuality quality, List<PointView> points) {
    }

    /** The points of one series. */
    public record SeriesPoints(SeriesKey key, List<PointView> points) {
    }

    /** One point: when and what. */
    public record PointView(Instant timestamp, double value) {

        static List<PointView> of(PointBuffer.Points points) {
            List<PointView> out = new ArrayList<>(points.size());
            for (int i = 0; i < points.size(); i++) {
                out.add(new PointView(Instant.ofEpochMilli(points.times()[i]), points.values()[i]));
            }
            return out;
        }
    }
}
