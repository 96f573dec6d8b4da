package io.crowdpulse.alerting.api;

import static io.crowdpulse.common.testing.TestKeys.asAdmin;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.Overload;
import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Under sustained overload the alert history beyond 24 h is shed first; open alerts are still answered. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
@TestProfile(Overload.FastDegradedMode.class)
class DegradedHistoryTest {

    @Test
    void shouldShedLongAlertHistoryWhileDegradedAndAnswerOpenAlerts() throws Exception {
        asAdmin().get("/api/v1/alerts?from=7d").then().statusCode(200);
        try (Overload overload = Overload.untilDegraded("/api/v1/rules")) {
            asAdmin().get("/api/v1/alerts?from=7d").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", endsWith("/degraded"));
            asAdmin().get("/api/v1/alerts").then().statusCode(503);
            asAdmin().get("/api/v1/alerts?state=firing").then().statusCode(200);
            asAdmin().get("/api/v1/alerts?state=pending").then().statusCode(200);
            asAdmin().get("/api/v1/alerts?from=1h").then().statusCode(200);
        }
        asAdmin().get("/api/v1/alerts?from=7d").then().statusCode(200);
    }
}
