package io.crowdpulse.alerting.notify.grouping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which group of a receiver an alert belongs to: the values of the group-by labels, rendered the way
 * Alertmanager renders them ({@code {alertname="high-latency",target="api"}}).
 */
public record GroupKey(String value, Map<String, String> labels) {

    /** Groups by every label when {@code groupBy} is {@code ...}, as Alertmanager does. */
    public static final String ALL_LABELS = "...";

    public GroupKey {
        labels = Map.copyOf(labels);
    }

    public static GroupKey of(List<String> groupBy, Map<String, String> labels) {
        Map<String, String> picked = new TreeMap<>();
        if (groupBy.contains(ALL_LABELS)) {
            picked.putAll(labels);
        } else {
            for (String name : groupBy) {
                String value = labels.get(name.trim());
                if (value != null) {
                    picked.put(name.trim(), value);
                }
            }
        }
        String value = picked.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return new GroupKey(value, picked);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
