package io.crowdpulse.metrics.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crowdpulse.common.testing.TestKeys;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key, for the metrics-collector API tests. */
public final class Api {

    public static final String INGEST_KEY = TestKeys.INGEST;
    public static final String VIEWER_KEY = TestKeys.VIEWER;
    public static final String ADMIN_KEY = TestKeys.ADMIN;

    private Api() {
    }

    public static RequestSpecification asIngest() {
        return TestKeys.asIngest();
    }

    public static RequestSpecification asViewer() {
        return TestKeys.asViewer();
    }

    public static RequestSpecification asAdmin() {
        return TestKeys.asAdmin();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** The current samples of one target, as maps of metric, labels and value. */
    public static List<Map<String, Object>> current(String target) {
        return asViewer().queryParam("target", target).get("/api/v1/metrics/current").then().statusCode(200)
                .extract().jsonPath().getList("samples");
    }

    /** The current value of a series, or null when it has none. */
    public static Double currentValue(String target, String metric, Map<String, String> labels) {
        return current(target).stream()
                .filter(s -> metric.equals(s.get("metric")) && labels.equals(s.get("labels")))
                .map(s -> ((Number) s.get("value")).doubleValue())
                .findFirst().orElse(null);
    }
}
