package io.crowdpulse.metrics.api;

import java.util.List;

import io.crowdpulse.common.testing.AuthContract;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every route: no key 401, wrong role 403, right role passes. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class AuthTest extends AuthContract {

    @Override
    protected List<Route> routes() {
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
                new Route("GET", "/api/v1/concurrency", null, "viewer", "ingest"),
                new Route("GET", "/api/v1/tuning", null, "viewer", "ingest"),
                new Route("PUT", "/api/v1/tuning/metrics.anomaly-min-score", "{\"value\":0.7}", "admin", "viewer"));
    }
}
