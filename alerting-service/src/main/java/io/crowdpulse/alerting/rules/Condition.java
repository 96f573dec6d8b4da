package io.crowdpulse.alerting.rules;

import java.util.Map;

/**
 * A guard a threshold rule also needs to hold, on another series' latest value, such as "users are
 * online" ({@code sessions.concurrent_users > 0}) for a throughput-too-low rule.
 */
public record Condition(String metric, String target, Map<String, String> labels, Comparison comparison,
        double threshold) {

    public Condition {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean matches(String seriesMetric, String seriesTarget, Map<String, String> seriesLabels) {
        return metric.equals(seriesMetric) && (target == null || target.equals(seriesTarget))
                && LabelMatchers.match(labels, seriesLabels);
    }
}
