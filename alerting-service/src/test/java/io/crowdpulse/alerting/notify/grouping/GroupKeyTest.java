package io.crowdpulse.alerting.notify.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GroupKeyTest {

    private static final Map<String, String> LABELS = Map.of("alertname", "high-latency", "target", "api", "route", "/a\"b");

    @Test
    void shouldRenderTheGroupByLabelsSortedLikeAlertmanager() {
        GroupKey key = GroupKey.of(List.of("target", "alertname", "missing"), LABELS);
        assertEquals("{alertname=\"high-latency\",target=\"api\"}", key.value());
        assertEquals(Map.of("alertname", "high-latency", "target", "api"), key.labels());
    }

    @Test
    void shouldGroupByEveryLabelWithTheEllipsis() {
        assertEquals("{alertname=\"high-latency\",route=\"/a\\\"b\",target=\"api\"}", GroupKey.of(List.of("..."), LABELS).value());
    }
}
