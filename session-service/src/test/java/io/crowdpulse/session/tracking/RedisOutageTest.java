package io.crowdpulse.session.tracking;

import static io.crowdpulse.session.support.Api.asIngest;
import static io.crowdpulse.session.support.Api.heartbeat;
import static io.crowdpulse.session.support.Api.organizationCount;
import static io.crowdpulse.session.support.Api.track;
import static io.crowdpulse.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Single heartbeats are answered once queued for the next write: what was answered while Redis went away
 * must be written once it is back, and what was refused must not be.
 */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
@QuarkusTestResource(value = RedisBehindProxy.class, restrictToAnnotatedClass = true)
class RedisOutageTest {

    @Test
    void shouldWriteEveryHeartbeatItAnsweredOnceRedisIsBackAndNoneItRefused() throws Exception {
        String org = unique("org");
        String module = unique("mod");
        track(unique("ivy"), org, unique("s"), module);
        assertEquals(1, organizationCount(org));

        List<String> answered = new ArrayList<>();
        List<Response> refused = new ArrayList<>();
        RedisBehindProxy.proxy().cut();
        try {
            for (int i = 0; i < 4; i++) {
                Response r = asIngest().body(heartbeat(unique("jay"), org, unique("s"), module))
                        .post("/api/v1/activity");
                if (r.statusCode() == 202) {
                    answered.add(r.asString());
                } else {
                    assertEquals(503, r.statusCode(), r.asString());
                    refused.add(r);
                }
            }
        } finally {
            RedisBehindProxy.proxy().restore();
        }
        // The first is answered before its write fails; once one has failed, each waits for its own write.
        assertFalse(answered.isEmpty(), "the first heartbeat after the cut is answered at once");
        assertFalse(refused.isEmpty(), "while writes fail, a heartbeat learns that its write failed");
        assertEquals("application/problem+json", refused.get(0).contentType());
        assertTrue(refused.get(0).asString().contains("send them again"), refused.get(0).asString());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertEquals(1 + answered.size(), organizationCount(org)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crowdpulse_ingest_unwritten 0.0"));
        // Answered heartbeats are written at once again.
        track(unique("kim"), org, unique("s"), module);
        assertEquals(2 + answered.size(), organizationCount(org));
    }
}
