package io.crowdpulse.metrics.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.crowdpulse.common.events.MetricSample;

/**
 * Aggregates pushed request timings per target, overall and per single label (route, module,
 * organization…), into interval histograms; each drain turns the last interval into {@code http.rps},
 * {@code http.error_rate} and {@code http.p50_ms}/{@code p95_ms}/{@code p99_ms} samples. Recording is
 * lock-free ({@link Recorder}); label sets per target are bounded.
 */
public final class TimingAggregator {

    private static final long MAX_MICROS = 3_600_000_000L;

    private record Key(String target, String label, String value) {
    }

    private static final class Interval {
        final Recorder recorder = new Recorder(MAX_MICROS, 2);
        final LongAdder errors = new LongAdder();
        volatile int idleRounds;
    }

    private final Map<Key, Interval> intervals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> labelSetsPerTarget = new ConcurrentHashMap<>();
    private final int maxLabelSetsPerTarget;
    private final LongAdder dropped = new LongAdder();

    public TimingAggregator(int maxLabelSetsPerTarget) {
        this.maxLabelSetsPerTarget = maxLabelSetsPerTarget;
    }

    public void record(String target, Map<String, String> labels, double durationMs, int status) {
        long micros = Math.min(MAX_MICROS, Math.max(0, Math.round(durationMs * 1000)));
        boolean error = status >= 500;
        record(new Key(target, null, null), micros, error);
        if (labels != null) {
            labels.forEach((label, value) -> record(new Key(target, label, value), micros, error));
        }
    }

    private void record(Key key, long micros, boolean error) {
        Interval interval = intervals.get(key);
        if (interval == null) {
            if (key.label() != null && labelSetsPerTarget.computeIfAbsent(key.target(), t -> new LongAdder()).sum()
                    >= maxLabelSetsPerTarget) {
                dropped.increment();
                return;
            }
            interval = intervals.computeIfAbsent(key, k -> {
                if (k.label() != null) {
                    labelSetsPerTarget.get(k.target()).increment();
                }
                return new Interval();
            });
        }
        interval.recorder.recordValue(micros);
        if (error) {
            interval.errors.increment();
        }
    }

    /** Timings dropped because a target had too many label sets. */
    public long dropped() {
        return dropped.sum();
    }

    /** The figures of the interval since the last drain; series idle for many rounds are forgotten. */
    public List<MetricSample> drain(double intervalSeconds) {
        List<MetricSample> samples = new ArrayList<>();
        for (Map.Entry<Key, Interval> entry : intervals.entrySet()) {
            Key key = entry.getKey();
            Interval interval = entry.getValue();
            Histogram histogram = interval.recorder.getIntervalHistogram();
            long count = histogram.getTotalCount();
            long errors = interval.errors.sumThenReset();
            Map<String, String> labels = key.label() == null ? Map.of() : Map.of(key.label(), key.value());
            if (count == 0) {
                if (++interval.idleRounds > 300) {
                    forget(key);
                }
                continue;
            }
            interval.idleRounds = 0;
            samples.add(new MetricSample("http.rps", key.target(), labels, count / intervalSeconds));
            samples.add(new MetricSample("http.error_rate", key.target(), labels, Math.min(1.0, (double) errors / count)));
            samples.add(new MetricSample("http.p50_ms", key.target(), labels, histogram.getValueAtPercentile(50) / 1000.0));
            samples.add(new MetricSample("http.p95_ms", key.target(), labels, histogram.getValueAtPercentile(95) / 1000.0));
            samples.add(new MetricSample("http.p99_ms", key.target(), labels, histogram.getValueAtPercentile(99) / 1000.0));
        }
        return samples;
    }

    private void forget(Key key) {
        if (intervals.remove(key) != null && key.label() != null) {
            labelSetsPerTarget.getOrDefault(key.target(), new LongAdder()).decrement();
        }
    }
}
