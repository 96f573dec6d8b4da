package io.crowdpulse.alerting.notify.receivers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.crowdpulse.alerting.notify.support.Api;
import io.crowdpulse.alerting.notify.support.NotifyTestProfile;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** Every notifications route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class NotificationAuthTest {

    private static final String ID = UUID.randomUUID().toString();

    record Route(String method, String path, String body, String role, String wrongRole) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        String base = "/api/v1/notifications";
        return List.of(
                new Route("GET", base + "/receivers", null, "viewer", "ingest"),
                new Route("POST", base + "/receivers", "{\"name\":\"auth-r\",\"type\":\"log\"}", "admin", "viewer"),
                new Route("DELETE", base + "/receivers/auth-r", null, "admin", "viewer"),
                new Route("GET", base + "/deliveries", null, "viewer", "ingest"),
                new Route("GET", base + "/deliveries/" + ID, null, "viewer", "ingest"),
                new Route("POST", base + "/deliveries/" + ID + "/retry", null, "admin", "viewer"));
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
        request(route, null).request(route.method(), route.path()).then().statusCode(401)
                .contentType("application/problem+json");
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
}
