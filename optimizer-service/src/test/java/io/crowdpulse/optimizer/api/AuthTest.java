package io.crowdpulse.optimizer.api;

import java.util.List;
import java.util.UUID;

import io.crowdpulse.common.testing.AuthContract;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.optimizer.support.ApiProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every route of the optimizer: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@TestProfile(ApiProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest extends AuthContract {

    private static final String ID = UUID.randomUUID().toString();

    @Override
    protected List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/recommendations", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/recommendations/" + ID, null, "viewer", "ingest"),
                new Route("POST", "/api/v1/recommendations/" + ID + "/apply", null, "admin", "viewer"),
                new Route("POST", "/api/v1/recommendations/" + ID + "/dismiss", null, "admin", "viewer"),
                new Route("GET", "/api/v1/actions", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/actions/" + ID, null, "viewer", "ingest"),
                new Route("POST", "/api/v1/actions", "{\"target\":\"nobody\",\"knob\":\"x\",\"value\":1}", "admin", "viewer"),
                new Route("POST", "/api/v1/actions/" + ID + "/rollback", null, "admin", "viewer"),
                new Route("GET", "/api/v1/optimizer/config", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/optimizer/config", "{}", "admin", "viewer"),
                new Route("GET", "/api/v1/strategies", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/bottlenecks", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/performance-score", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning/optimizer.rollback-threshold", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/optimizer.rollback-threshold", "{\"value\":0.1}", "admin", "viewer"),
                new Route("PUT", "/api/v1/tuning/client.timeout", "{\"value\":2000}", "admin", "viewer"),
                new Route("GET", "/api/v1/concurrency", null, "viewer", "ingest"));
    }
}
