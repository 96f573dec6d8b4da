package io.crowdpulse.session.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.crowdpulse.session.support.Api;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every route: no key is a 401, a key of the wrong role a 403, the right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest {

    record Route(String method, String path, String body, String role, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String HEARTBEAT = "{\"userId\":\"auth-u\",\"organizationId\":\"auth-o\",\"sessionId\":\"auth-s\",\"moduleId\":\"auth-m\"}";

    static List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/activity", HEARTBEAT, "ingest", "viewer"),
                new Route("POST", "/api/v1/activity/batch", "[" + HEARTBEAT + "]", "ingest", "viewer"),
                new Route("DELETE", "/api/v1/sessions/auth-s", null, "ingest", "viewer"),
                new Route("GET", "/api/v1/concurrent-users", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/modules", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/modules/auth-m", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/organizations", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/organizations/auth-o", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/peak", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/average", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/concurrent-users/trend", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/sessions/stats", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/sessions/history", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning/sessions.activity-window", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/sessions.activity-window", "{\"value\":60}", "admin", "viewer"));
    }

    private static RequestSpecification request(Route route, String key) {
        RequestSpecification spec = given().contentType("application/json");
        if (key != null) {
            spec = spec.header("Authorization", "Bearer " + key);
        }
        if (route.body() != null) {
            spec = spec.body(route.body());
        }
        return spec;
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
    void shouldAnswer401WithoutAKey(Route route) {
        request(route, null).request(route.method(), route.path()).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer realm=\"crowdpulse\"");
        request(route, "not-a-key").request(route.method(), route.path()).then().statusCode(401);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldAnswer403ToAKeyOfTheWrongRole(Route route) {
        request(route, keyOf(route.wrongRole())).request(route.method(), route.path()).then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(route.role()));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldLetTheRightRoleAndAdminThrough(Route route) {
        request(route, keyOf(route.role())).request(route.method(), route.path()).then()
                .statusCode(not(equalTo(401))).statusCode(not(equalTo(403))).statusCode(org.hamcrest.Matchers.lessThan(500));
        request(route, Api.ADMIN_KEY).request(route.method(), route.path()).then()
                .statusCode(not(equalTo(401))).statusCode(not(equalTo(403)));
    }

    @Test
    void shouldLeaveProbesMetricsAndApiDocsOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
