package io.crowdpulse.session.api;

import java.util.List;

import io.crowdpulse.common.testing.AuthContract;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest extends AuthContract {

    private static final String HEARTBEAT = "{\"userId\":\"auth-u\",\"organizationId\":\"auth-o\",\"sessionId\":\"auth-s\",\"moduleId\":\"auth-m\"}";

    @Override
    protected List<Route> routes() {
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
                new Route("GET", "/api/v1/concurrency", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning/sessions.activity-window", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/sessions.activity-window", "{\"value\":60}", "admin", "viewer"));
    }
}
