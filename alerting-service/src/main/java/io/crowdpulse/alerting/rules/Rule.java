package io.crowdpulse.alerting.rules;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.crowdpulse.alerting.alerts.Severity;

/**
 * An alerting rule. {@code metric} may hold {@code *} wildcards ({@code queue.*.size}); {@code target}
 * null means every target; {@code labels} must all match, as in PromQL: an empty value means the label is
 * absent ({@code route: ""} picks a target's overall series, not its per-route ones). Threshold and concurrent-users rules compare
 * each value; anomaly rules match anomaly events scoring at least {@code minScore}; no-data rules fire
 * when a matching series has been silent for {@code absentFor}. {@code forDuration} is how long a
 * breach must last before the alert fires, {@code keepFiringFor} how long it stays firing after the
 * condition clears (absorbing flaps). {@code source} is {@code config} (fixed) or {@code api}.
 */
public record Rule(
        String name,
        RuleKind kind,
        String metric,
        String target,
        Map<String, String> labels,
        Comparison comparison,
        Double threshold,
        Duration forDuration,
        Duration keepFiringFor,
        Severity severity,
        String summary,
        String description,
        Double minScore,
        Duration absentFor,
        Condition guard,
        boolean enabled,
        String source) {

    public Rule {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
    }

    /** Whether a series of {@code metric} on {@code target} with {@code seriesLabels} is one this rule watches. */
    public boolean matches(String seriesMetric, String seriesTarget, Map<String, String> seriesLabels) {
        return metricMatches(metric, seriesMetric)
                && (target == null || target.equals(seriesTarget))
                && LabelMatchers.match(labels, seriesLabels);
    }

    public boolean hasWildcard() {
        return metric.indexOf('*') >= 0;
    }

    /** Whether {@code metric} is {@code pattern}, where {@code *} stands for one dot-free part. */
    public static boolean metricMatches(String pattern, String metric) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(metric);
        }
        return Pattern.matches(Pattern.quote(pattern).replace("*", "\\E[^.]*\\Q"), metric);
    }

    public Rule withEnabled(boolean on) {
        return new Rule(name, kind, metric, target, labels, comparison, threshold, forDuration, keepFiringFor, severity,
                summary, description, minScore, absentFor, guard, on, source);
    }
}
