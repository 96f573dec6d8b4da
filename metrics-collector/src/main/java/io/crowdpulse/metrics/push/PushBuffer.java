package io.crowdpulse.metrics.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.metrics.config.MetricsConfig;
import io.crowdpulse.metrics.push.PushRequest.PushedSample;
import io.crowdpulse.metrics.push.PushRequest.Timing;
import io.crowdpulse.metrics.series.SeriesKey;

/**
 * What applications pushed since the last collection round: the latest value of each pushed series,
 * and the request timings, which become latency, rate and error figures when the round drains them.
 */
@ApplicationScoped
public class PushBuffer {

    private volatile Map<SeriesKey, Double> latest = new ConcurrentHashMap<>();
    private final TimingAggregator timings;
    private final ReadWriteLock roundLock = new ReentrantReadWriteLock();

    public PushBuffer(MetricsConfig config) {
        this.timings = new TimingAggregator(config.maxTimingLabelSets());
    }

    public void add(List<PushedSample> samples, List<Timing> pushedTimings) {
        // Pushes share the read lock; a drain takes the write lock, so one push lands wholly in one round.
        roundLock.readLock().lock();
        try {
            Map<SeriesKey, Double> current = latest;
            for (PushedSample s : samples) {
                current.put(new SeriesKey(s.metric(), s.target(), s.labels()), s.value());
            }
            for (Timing t : pushedTimings) {
                timings.record(t.target(), t.labels(), t.durationMs(), t.status());
            }
        } finally {
            roundLock.readLock().unlock();
        }
    }

    /** Everything pushed since the previous drain, as samples of this round. */
    public List<MetricSample> drain(double intervalSeconds) {
        roundLock.writeLock().lock();
        try {
            Map<SeriesKey, Double> taken = latest;
            // Sized for what the last round held: the next round usually pushes the same series.
            latest = new ConcurrentHashMap<>(Math.max(16, taken.size() * 4 / 3 + 1));
            List<MetricSample> samples = new ArrayList<>(taken.size());
            taken.forEach((key, value) -> samples.add(key.sample(value)));
            samples.addAll(timings.drain(intervalSeconds));
            return samples;
        } finally {
            roundLock.writeLock().unlock();
        }
    }

    public long droppedTimings() {
        return timings.dropped();
    }
}
