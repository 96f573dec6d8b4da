package io.crowdpulse.metrics.series;

import java.util.Map;
import java.util.TreeMap;

import io.crowdpulse.common.events.MetricSample;

/** What identifies a series: metric, target and labels (sorted, so equal label sets are equal keys). */
public record SeriesKey(String metric, String target, Map<String, String> labels) {

    public SeriesKey {
        labels = labels == null || labels.isEmpty() ? Map.of() : sorted(labels);
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        if (labels.size() == 1) {
            // One label is sorted already: a small immutable map, not a tree per sample (pushes build millions).
            Map.Entry<String, String> only = labels.entrySet().iterator().next();
            if (only.getKey() != null && only.getValue() != null) {
                return Map.of(only.getKey(), only.getValue());
            }
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public static SeriesKey of(MetricSample sample) {
        return new SeriesKey(sample.metric(), sample.target(), sample.labels());
    }

    public MetricSample sample(double value) {
        return new MetricSample(metric, target, labels, value);
    }

    /** A stable one-line form, e.g. {@code http.p99_ms{route=/x}@session-service}. */
    public String id() {
        StringBuilder s = new StringBuilder(metric);
        if (!labels.isEmpty()) {
            s.append('{');
            labels.forEach((k, v) -> s.append(k).append('=').append(v).append(','));
            s.setCharAt(s.length() - 1, '}');
        }
        return s.append('@').append(target).toString();
    }
}
