package io.crowdpulse.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.RedisCleanup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Two session-service processes over one Redis and one database, as two replicas would run: they count
 * the same, either one ends a session the other saw, and expiry and history happen once, not twice.
 */
class TwoReplicasIT {

    private static final String RUN = "cpit-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static String replicaA;
    private static String replicaB;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        replicaA = start("a");
        replicaB = start("b");
        for (String base : List.of(replicaA, replicaB)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> given().baseUri(base).get("/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stopReplicas() {
        PROCESSES.forEach(Process::destroy);
        RedisCleanup.deleteKeysStartingWith(RUN);
    }

    private static String start(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package session-service first: " + jar.toAbsolutePath());
        File log = Path.of("target", "replica-" + name + ".log").toFile();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dcrowdpulse.security.ingest-keys=it-ingest",
                "-Dcrowdpulse.security.viewer-keys=it-viewer",
                "-Dcrowdpulse.security.admin-keys=it-admin",
                "-Dcrowdpulse.sessions.key-prefix=" + RUN,
                "-Dcrowdpulse.events.namespace=" + RUN,
                "-Dcrowdpulse.db.schema=sessions_it",
                "-Dcrowdpulse.sessions.cleanup-interval=1s",
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log).start();
        PROCESSES.add(process);
        return "http://127.0.0.1:" + port;
    }

    private static RequestSpecification at(String base, String key) {
        return given().baseUri(base).header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    private static JsonPath current(String base) {
        return at(base, "it-viewer").get("/api/v1/concurrent-users").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldCountExpireAndRecordOnceAcrossReplicas() {
        String org = RUN + "-org";
        List<Map<String, Object>> toA = new ArrayList<>();
        List<Map<String, Object>> toB = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String user = "user-" + i;
            Map<String, Object> hb = Map.of("userId", user, "organizationId", org, "sessionId", RUN + "-s" + i,
                    "moduleId", i % 3 == 0 ? "tax" : "accounting");
            (i % 2 == 0 ? toA : toB).add(hb);
            if (i % 10 == 0) {
                // the same user active through the other replica too, in a second session
                (i % 2 == 0 ? toB : toA).add(Map.of("userId", user, "organizationId", org, "sessionId",
                        RUN + "-t" + i, "moduleId", "tax"));
            }
        }
        at(replicaA, "it-ingest").body(toA).post("/api/v1/activity/batch").then().statusCode(202);
        at(replicaB, "it-ingest").body(toB).post("/api/v1/activity/batch").then().statusCode(202);

        for (String base : List.of(replicaA, replicaB)) {
            JsonPath now = current(base);
            assertEquals(300, now.getLong("concurrentUsers"));
            assertEquals(330, now.getLong("activeSessions"));
            assertEquals(300, at(base, "it-viewer").get("/api/v1/concurrent-users/organizations/" + org)
                    .then().extract().jsonPath().getLong("concurrentUsers"));
            // tax: every third user (100) plus the 30 second sessions, 10 of whose users are already in tax
            assertEquals(120, at(base, "it-viewer").get("/api/v1/concurrent-users/modules/tax")
                    .then().extract().jsonPath().getLong("concurrentUsers"));
        }

        // A session seen by A is ended through B.
        at(replicaB, "it-ingest").delete("/api/v1/sessions/" + RUN + "-s0").then().statusCode(204);
        at(replicaA, "it-ingest").delete("/api/v1/sessions/" + RUN + "-s0").then().statusCode(404);

        // Both replicas sweep; every remaining session must still be ended and recorded exactly once.
        for (String base : List.of(replicaA, replicaB)) {
            at(base, "it-admin").body(Map.of("value", 1)).put("/api/v1/tuning/sessions.session-ttl").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> current(replicaA).getLong("activeSessions") == 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> recordsOf(org) >= 330);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(330, recordsOf(org), "each ended session is recorded exactly once");

        // One sample per second, whichever replica took it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lastSeconds(15).getList("buckets").size() >= 12);
        JsonPath trend = lastSeconds(15);
        List<Integer> perSecond = trend.getList("buckets.samples", Integer.class);
        perSecond.forEach(n -> assertEquals(1, n, "one sample per second: " + perSecond));
        assertEquals(at(replicaA, "it-viewer").queryParam("from", "1m").queryParam("to", trend.getString("to"))
                .get("/api/v1/concurrent-users/peak").then().extract().jsonPath().getLong("peak"),
                at(replicaB, "it-viewer").queryParam("from", "1m").queryParam("to", trend.getString("to"))
                        .get("/api/v1/concurrent-users/peak").then().extract().jsonPath().getLong("peak"));
    }

    private static JsonPath lastSeconds(int seconds) {
        return at(replicaB, "it-viewer").queryParam("from", seconds + "s").queryParam("step", "1s")
                .get("/api/v1/concurrent-users/trend").then().statusCode(200).extract().jsonPath();
    }

    private static long recordsOf(String org) {
        return at(replicaB, "it-viewer").queryParam("organizationId", org).queryParam("from", "10m")
                .get("/api/v1/sessions/history").then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
