package io.crowdpulse.common.events;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One value of one series (metric + target + labels) inside a metrics snapshot. */
@RegisterForReflection
public record MetricSample(String metric, String target, Map<String, String> labels, double value) {

    public MetricSample {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
