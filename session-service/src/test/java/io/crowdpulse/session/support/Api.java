package io.crowdpulse.session.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key, and heartbeat bodies, for the API tests. */
public final class Api {

    public static final String INGEST_KEY = "test-ingest";
    public static final String VIEWER_KEY = "test-viewer";
    public static final String ADMIN_KEY = "test-admin";

    /** Decimal figures are compared as doubles, as the service computes them. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));

    private Api() {
    }

    public static RequestSpecification asIngest() {
        return given().header("Authorization", "Bearer " + INGEST_KEY).contentType(ContentType.JSON);
    }

    public static RequestSpecification asViewer() {
        return given().config(DOUBLES).header("X-API-Key", VIEWER_KEY);
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
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
