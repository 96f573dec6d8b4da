package io.crowdpulse.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.specification.RequestSpecification;

/**
 * What every service's API must do with keys, route by route: no or unknown key is a 401 problem, a key
 * of the wrong role a 403 problem, the right role (and admin) gets through; probes and metrics are open.
 * A service's test extends it and lists its routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AuthContract {

    /** A route, the role it needs and a role it must refuse. */
    public record Route(String method, String path, String body, String role, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    protected abstract List<Route> routes();

    private static RequestSpecification request(Route route, String key) {
        RequestSpecification spec = given().contentType("application/json");
        if (key != null) {
            spec = spec.header("Authorization", "Bearer " + key);
        }
        return route.body() == null ? spec : spec.body(route.body());
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldAnswer401WithoutAValidKey(Route route) {
        request(route, null).request(route.method(), route.path()).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer realm=\"crowdpulse\"");
        request(route, "not-a-key").request(route.method(), route.path()).then().statusCode(401);
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldAnswer403ToAKeyOfTheWrongRole(Route route) {
        request(route, TestKeys.keyOf(route.wrongRole())).request(route.method(), route.path()).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(route.role()));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void shouldLetTheRightRoleAndAdminThrough(Route route) {
        request(route, TestKeys.keyOf(route.role())).request(route.method(), route.path()).then()
                .statusCode(not(equalTo(401))).statusCode(not(equalTo(403))).statusCode(lessThan(500));
        request(route, TestKeys.ADMIN).request(route.method(), route.path()).then()
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
