package io.crowdpulse.session.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crowdpulse.common.testing.TestKeys;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key, and heartbeat bodies, for the API tests. */
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

    /** A fresh identifier with a readable prefix, so tests never share users, modules or organizations. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static Map<String, Object> heartbeat(String user, String org, String session, String module) {
        return Map.of("userId", user, "organizationId", org, "sessionId", session, "moduleId", module,
                "userAgent", "Mozilla/5.0 (test)", "ipAddress", "10.1.2.3");
    }

    public static void track(String user, String org, String session, String module) {
        asIngest().body(heartbeat(user, org, session, module)).post("/api/v1/activity").then().statusCode(202);
    }

    public static void trackAll(List<Map<String, Object>> heartbeats) {
        for (int from = 0; from < heartbeats.size(); from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>(heartbeats.subList(from, Math.min(from + 1000, heartbeats.size())));
            asIngest().body(batch).post("/api/v1/activity/batch").then().statusCode(202);
        }
    }

    public static long moduleCount(String module) {
        return asViewer().get("/api/v1/concurrent-users/modules/" + module).then().statusCode(200)
                .extract().jsonPath().getLong("concurrentUsers");
    }

    public static long organizationCount(String org) {
        return asViewer().get("/api/v1/concurrent-users/organizations/" + org).then().statusCode(200)
                .extract().jsonPath().getLong("concurrentUsers");
    }

    public static void tune(String knob, long value) {
        asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + knob).then().statusCode(200);
    }
}
