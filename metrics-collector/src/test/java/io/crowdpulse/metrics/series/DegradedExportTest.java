package io.crowdpulse.metrics.series;

import static io.crowdpulse.common.testing.TestKeys.asAdmin;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.Overload;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Under sustained overload the collector sheds metric exports first; current values are still answered. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
@TestProfile(Overload.FastDegradedMode.class)
class DegradedExportTest {

    @Test
    void shouldShedExportsWhileDegradedAndAnswerCurrentValues() throws Exception {
        asAdmin().get("/api/v1/metrics/export?from=1h").then().statusCode(200);
        try (Overload overload = Overload.untilDegraded("/api/v1/metrics/series")) {
            asAdmin().get("/api/v1/metrics/export?from=1h").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", endsWith("/degraded"));
            asAdmin().get("/api/v1/metrics/current").then().statusCode(200);
        }
        asAdmin().get("/api/v1/metrics/export?from=1h").then().statusCode(200);
    }
}
