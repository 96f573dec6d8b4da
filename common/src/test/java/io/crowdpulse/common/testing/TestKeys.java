package io.crowdpulse.common.testing;

import static io.restassured.RestAssured.given;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/** The API keys every service's {@code %test} profile configures, and requests that carry them. */
public final class TestKeys {

    public static final String INGEST = "test-ingest";
    public static final String VIEWER = "test-viewer";
    public static final String ADMIN = "test-admin";

    /** Decimal figures are compared as doubles, as the services compute them. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));

    private TestKeys() {
    }

    public static RequestSpecification asIngest() {
        return given().config(DOUBLES).header("Authorization", "Bearer " + INGEST).contentType(ContentType.JSON);
    }

    public static RequestSpecification asViewer() {
        return given().config(DOUBLES).header("X-API-Key", VIEWER);
    }

    public static RequestSpecification asAdmin() {
        return given().config(DOUBLES).header("Authorization", "Bearer " + ADMIN).contentType(ContentType.JSON);
    }

    /** The key of a role named {@code ingest}, {@code viewer} or {@code admin}. */
    public static String keyOf(String role) {
        return switch (role) {
            case "ingest" -> INGEST;
            case "viewer" -> VIEWER;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("no such role: " + role);
        };
    }
}
