package io.crowdpulse.alerting.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/** Requests with each role's test key, for the alerting-service API tests. */
public final class Api {

    public static final String INGEST_KEY = "test-ingest";
    public static final String VIEWER_KEY = "test-viewer";
    public static final String ADMIN_KEY = "test-admin";
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));

    private Api() {
    }

    public static RequestSpecification asIngest() {
        return given().config(DOUBLES).header("Authorization", "Bearer " + INGEST_KEY).contentType(ContentType.JSON);
    }

    public static RequestSpecification asViewer() {
        return given().config(DOUBLES).header("X-API-Key", VIEWER_KEY);
    }

    public static RequestSpecification asAdmin() {
        return given().config(DOUBLES).header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
