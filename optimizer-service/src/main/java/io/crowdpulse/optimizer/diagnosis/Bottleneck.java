package io.crowdpulse.optimizer.diagnosis;

import java.util.Map;

/**
 * A resource that limits a target now, how badly, and the figures that show it.
 *
 * @param severity 0..1, 1 = the resource is exhausted and the target suffers for it
 * @param level    {@code info}, {@code warning} or {@code critical}, from the severity
 * @param evidence one line a person can check
 * @param figures  the inputs that led to it, by metric name
 */
public record Bottleneck(String target, Resource resource, double severity, String level, String evidence,
        Map<String, Double> figures) {

    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";
}
