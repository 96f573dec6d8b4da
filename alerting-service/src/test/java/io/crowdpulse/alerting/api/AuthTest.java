package io.crowdpulse.alerting.api;

import java.util.List;
import java.util.UUID;

import io.crowdpulse.common.testing.AuthContract;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest extends AuthContract {

    private static final String ID = UUID.randomUUID().toString();

    @Override
    protected List<Route> routes() {
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
                new Route("GET", "/api/v1/concurrency", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/notify.timeout", "{\"value\":10000}", "admin", "viewer"));
    }
}
