package io.crowdpulse.common.events;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What metrics-collector publishes every collection interval on {@code crowdpulse.metrics.snapshots}. */
@RegisterForReflection
public record MetricsSnapshotEvent(String type, int version, Instant timestamp, List<MetricSample> samples) {

    public static MetricsSnapshotEvent of(Instant timestamp, List<MetricSample> samples) {
        return new MetricsSnapshotEvent(EventTypes.METRICS_SNAPSHOT, EventTypes.VERSION, timestamp, List.copyOf(samples));
    }
}
