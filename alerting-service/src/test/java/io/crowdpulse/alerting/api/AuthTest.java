package io.crowdpulse.alerting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.crowdpulse.alerting.support.Api;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest {

    private static final String ID = UUID.randomUUID().toString();

    record Route(String method, String path, String body, String role, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/alerts", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/alerts/" + ID, null, "viewer", "ingest"),
                new Route("POST", "/api/v1/alerts/" + ID + "/acknowledge", "{}", "admin", "viewer"),
                new Route("POST", "/api/v1/alerts/" + ID + "/resolve", "{}", "admin", "viewer"),
                new Route("GET", "/api/v1/rules", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/rules/high-cpu", null, "viewer", "ingest"),
                new Route("POST", "/api/v1/rules", "{\"name\":\"auth-rule\",\"kind\":\"threshold\",\"metric\":\"x\",\"comparator\":\">\",\"threshold\":1,\"severity\":\"info\"}", "admin", "viewer"),
                new Route("PUT", "/api/v1/rules/auth-rule", "{\"name\":\"auth-rule\",\"kind\":\"threshold\",\"metric\":\"x\",\"comparator\":\">\",\"threshold\":2,\"severity\":\"info\"}", "admin", "viewer"),
                new Route("DELETE", "/api/v1/rules/auth-rule", null, "admin", "viewer"),
                new Route("GET", "/api/v1/silences", null, "viewer", "ingest"),
                new Route("POST", "/api/v1/silences", "{\"target\":\"auth\",\"duration\":\"1m\"}", "admin", "viewer"),
                new Route("DELETE", "/api/v1/silences/" + ID, null, "admin", "viewer"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"));
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
        request(route, keyOf(route.wrongRole())).request(route.method(), route.path()).then().statusCode(403);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldLetTheRightRoleThrough(Route route) {
        request(route, keyOf(route.role())).request(route.method(), route.path()).then()
                .statusCode(not(equalTo(401))).statusCode(not(equalTo(403))).statusCode(lessThan(500));
    }
}
