package io.crowdpulse.alerting.notify.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key. */
public final class Api {

    public static final String INGEST_KEY = "test-ingest";
    public static final String VIEWER_KEY = "test-viewer";
    public static final String ADMIN_KEY = "test-admin";

    private Api() {
    }

    public static RequestSpecification asViewer() {
        return given().header("X-API-Key", VIEWER_KEY);
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
