package io.crowdpulse.metrics.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.metrics.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest {

    record Route(String method, String path, String body, String role, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/metrics", "{\"samples\":[{\"metric\":\"gauge.auth\",\"target\":\"auth\",\"value\":1}]}", "ingest", "viewer"),
                new Route("GET", "/api/v1/metrics/current", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/metrics/series", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/metrics/series/gauge.auth", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/metrics/export", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/anomalies", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/targets", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/targets/auth-none", null, "viewer", "ingest"),
                new Route("POST", "/api/v1/targets", "{\"name\":\"auth-t\",\"url\":\"http://127.0.0.1:9/m\"}", "admin", "viewer"),
                new Route("DELETE", "/api/v1/targets/auth-t", null, "admin", "viewer"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/metrics.anomaly-min-score", "{\"value\":0.7}", "admin", "viewer"));
    }

    private static RequestSpecification request(Route route, String key) {
        RequestSpecification spec = given().contentType("application/json");
        if (key != null) {
            spec = spec.header("Authorization", "Bearer " + key);
        }
        return route.body() == null ? spec : spec.body(route.body());
    }

    private static String keyOf(String role) {
        return switch (role) {
            case "ingest" -> Api.INGEST_KEY;
            case "viewer" -> Api.VIEWER_KEY;
            default -> Api.ADMIN_KEY;
        };
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldAnswer401WithoutAValidKey(Route route) {
        request(route, null).request(route.method(), route.path()).then().statusCode(401).contentType("application/problem+json");
        request(route, "wrong").request(route.method(), route.path()).then().statusCode(401);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldAnswer403ToTheWrongRole(Route route) {
        request(route, keyOf(route.wrongRole())).request(route.method(), route.path()).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldLetTheRightRoleThrough(Route route) {
        request(route, keyOf(route.role())).request(route.method(), route.path()).then()
                .statusCode(not(equalTo(401))).statusCode(not(equalTo(403))).statusCode(lessThan(500));
    }

    @Test
    void shouldLeaveProbesAndMetricsOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
