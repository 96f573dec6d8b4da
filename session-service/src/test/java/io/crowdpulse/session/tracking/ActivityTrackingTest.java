package io.crowdpulse.session.tracking;

import static io.crowdpulse.session.support.Api.asIngest;
import static io.crowdpulse.session.support.Api.asViewer;
import static io.crowdpulse.session.support.Api.heartbeat;
import static io.crowdpulse.session.support.Api.moduleCount;
import static io.crowdpulse.session.support.Api.organizationCount;
import static io.crowdpulse.session.support.Api.track;
import static io.crowdpulse.session.support.Api.trackAll;
import static io.crowdpulse.session.support.Api.tune;
import static io.crowdpulse.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.session.support.Keys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class ActivityTrackingTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Keys keys;

    @Test
    void shouldCountDistinctUsersNotHeartbeatsOrSessions() {
        String org = unique("org");
        String tax = unique("tax");
        String accounting = unique("acc");
        String alice = unique("alice");
        String bob = unique("bob");
        JsonPath before = asViewer().get("/api/v1/concurrent-users").then().statusCode(200).extract().jsonPath();

        track(alice, org, unique("s"), tax);
        String aliceSecond = unique("s");
        track(alice, org, aliceSecond, accounting);
        track(alice, org, aliceSecond, accounting);
        track(bob, org, unique("s"), tax);

        JsonPath after = asViewer().get("/api/v1/concurrent-users").then().statusCode(200).extract().jsonPath();
        assertEquals(2, after.getLong("concurrentUsers") - before.getLong("concurrentUsers"));
        assertEquals(3, after.getLong("activeSessions") - before.getLong("activeSessions"));
        assertEquals(60, after.getLong("windowSeconds"));
        assertEquals(2, moduleCount(tax));
        assertEquals(1, moduleCount(accounting));
        assertEquals(2, organizationCount(org));
    }

    @Test
    void shouldRecordABatchOfHeartbeats() {
        String org = unique("org");
        String module = unique("mod");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 250 users, each with two heartbeats of the same session
            batch.add(heartbeat(org + "-u" + (i % 250), org, org + "-s" + (i % 250), module));
        }
        asIngest().body(batch).post("/api/v1/activity/batch").then().statusCode(202).body("accepted", equalTo(500));
        assertEquals(250, moduleCount(module));
        assertEquals(250, organizationCount(org));
    }

    @Test
    void shouldRecordEveryHeartbeatOfManyConcurrentRequests() throws Exception {
        String org = unique("org");
        String module = unique("mod");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String user = org + "-u" + i;
                sent.add(pool.submit(() -> track(user, org, user + "-s", module)));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(600, moduleCount(module));
        assertEquals(600, organizationCount(org));
    }

    @Test
    void shouldStopCountingAUserWhoseLastSessionEnds() {
        String org = unique("org");
        String module = unique("mod");
        String carol = unique("carol");
        String dave = unique("dave");
        String carolSession = unique("s");
        String daveFirst = unique("s");
        track(carol, org, carolSession, module);
        track(dave, org, daveFirst, module);
        track(dave, org, unique("s"), module);
        assertEquals(2, moduleCount(module));

        asIngest().delete("/api/v1/sessions/" + carolSession).then().statusCode(204);
        asIngest().delete("/api/v1/sessions/" + daveFirst).then().statusCode(204);

        // Carol had one session and is gone; Dave still has another one open.
        assertEquals(1, moduleCount(module));
        assertEquals(1, organizationCount(org));
        asIngest().delete("/api/v1/sessions/" + carolSession).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void shouldStartASessionOnceWhenASmallBatchCarriesItTwice() {
        // One user, so all three heartbeats land in one partition's script call: the path for a few heartbeats.
        String org = unique("org");
        String tax = unique("tax");
        String accounting = unique("acc");
        String frank = unique("frank");
        String first = unique("s");
        String second = unique("s");
        List<Map<String, Object>> batch = List.of(heartbeat(frank, org, first, tax),
                heartbeat(frank, org, first, accounting), heartbeat(frank, org, second, tax));
        asIngest().body(batch).post("/api/v1/activity/batch").then().statusCode(202).body("accepted", equalTo(3));
        assertEquals(1, moduleCount(tax));
        assertEquals(1, moduleCount(accounting));
        assertEquals(1, organizationCount(org));

        // Two sessions were started, not three: ending both makes Frank stop counting at once.
        asIngest().delete("/api/v1/sessions/" + first).then().statusCode(204);
        assertEquals(1, organizationCount(org));
        asIngest().delete("/api/v1/sessions/" + second).then().statusCode(204);
        assertEquals(0, organizationCount(org));
        assertEquals(0, moduleCount(accounting));
    }

    @Test
    void shouldKeepAcceptingHeartbeatsAfterRedisDroppedTheConnections() {
        String org = unique("org");
        String module = unique("mod");
        track(unique("gina"), org, unique("s"), module);

        // Redis closes every client connection of the service.
        redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");

        // A heartbeat whose write is caught on a connection as it breaks was answered 202 already and is written
        // again through a new connection; one that waits for a failing write gets a 503, never a 500. Ten in a
        // row are accepted, and every one answered 202 is counted.
        List<String> accepted = new ArrayList<>();
        int[] inARow = {0};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String user = unique("hank");
            int status = asIngest().body(heartbeat(user, org, unique("s"), module)).post("/api/v1/activity")
                    .then().extract().statusCode();
            if (status != 202 && status != 503) {
                throw new AssertionError("a heartbeat after the connections dropped got " + status);
            }
            if (status == 202) {
                accepted.add(user);
            }
            inARow[0] = status == 202 ? inARow[0] + 1 : 0;
            return inARow[0] >= 10;
        });
        assertEquals(1 + accepted.size(), organizationCount(org));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crowdpulse_ingest_unwritten 0.0"))
                .body(containsString("crowdpulse_ingest_failed_writes_total"));
    }

    @Test
    void shouldForgetUsersOnceTheirLastHeartbeatLeavesTheWindow() {
        String org = unique("org");
        String module = unique("mod");
        tune("sessions.activity-window", 2);
        try {
            track(unique("erin"), org, unique("s"), module);
            assertEquals(1, moduleCount(module));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> moduleCount(module) == 0 && organizationCount(org) == 0);
            asViewer().get("/api/v1/concurrent-users").then().body("windowSeconds", equalTo(2));
        } finally {
            tune("sessions.activity-window", 60);
        }
    }

    @Test
    void shouldStopCountingAtTheEndOfTheWindowLongBeforeTheCleanupRemovesTheActivity() {
        String user = unique("fay");
        String module = unique("mod");
        String moduleUsers = keys.moduleUsers(keys.partitionOf(user), module);
        tune("sessions.cleanup-interval", 300);
        tune("sessions.activity-window", 2);
        try {
            track(user, unique("org"), unique("s"), module);
            assertEquals(1, moduleCount(module));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> moduleCount(module) == 0);
            // The count is exact from what Redis holds, not from the cleanup having run: it has not yet.
            assertTrue(redis.sortedSet(String.class).zscore(moduleUsers, user).isPresent());
            tune("sessions.cleanup-interval", 1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> redis.sortedSet(String.class).zscore(moduleUsers, user).isEmpty());
        } finally {
            tune("sessions.activity-window", 60);
            tune("sessions.cleanup-interval", 5);
        }
    }

    @Test
    void shouldRejectABatchLargerThanTheLimitWith413() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            batch.add(heartbeat("u" + i, "org", "s" + i, "m"));
        }
        asIngest().body(batch).post("/api/v1/activity/batch").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("at most 1000"));
    }

    @Test
    void shouldRecordNothingOfABatchWithOneInvalidHeartbeat() {
        String org = unique("org");
        String module = unique("mod");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(heartbeat(unique("u"), org, unique("s"), module));
        batch.add(heartbeat("bad user", org, unique("s"), module));
        asIngest().body(batch).post("/api/v1/activity/batch").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1].userId"));
        assertEquals(0, moduleCount(module));
        trackAll(List.of(heartbeat(unique("u"), org, unique("s"), module)));
        assertEquals(1, moduleCount(module));
    }
}
