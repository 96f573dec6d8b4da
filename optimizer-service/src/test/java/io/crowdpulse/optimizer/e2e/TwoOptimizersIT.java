package io.crowdpulse.optimizer.e2e;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.RedisCleanup;
import io.crowdpulse.optimizer.support.FakeTarget;
import io.crowdpulse.optimizer.support.RawPublisher;
import io.restassured.path.json.JsonPath;

/**
 * Two optimizer processes over one Redis and one database, in auto mode: exactly one holds the lease and
 * acts; when it stops after applying a change, the other takes the lease over and verifies that change when
 * its stored deadline comes.
 */
class TwoOptimizersIT {

    private static final String RUN = "coit-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TARGET = "fake-" + RUN.substring(5);
    private static final Map<String, Double> PRESSED = Map.of("system.memory", 0.9, "system.cpu", 0.3,
            "sessions.active_sessions", 500.0, "sessions.concurrent_users", 100.0, "http.p95_ms", 10.0,
            "http.p99_ms", 20.0, "http.rps", 200.0, "http.error_rate", 0.0);
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final List<String> BASES = new ArrayList<>();
    private static FakeTarget fake;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeTarget.start().knob("sessions.cleanup-interval", 20, 1, 300, "s");
        for (String name : List.of("a", "b")) {
            BASES.add(startOptimizer(name));
        }
        for (String base : BASES) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> given().baseUri(base).get("/q/health/ready").statusCode() == 200);
        }
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
        fake.close();
        RedisCleanup.deleteKeysStartingWith(RUN);
    }

    private static String startOptimizer(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package optimizer-service first: " + jar.toAbsolutePath());
        File log = Path.of("target", "optimizer-" + name + ".log").toFile();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dcrowdpulse.security.viewer-keys=it-viewer", "-Dcrowdpulse.security.admin-keys=it-admin",
                "-Dcrowdpulse.events.namespace=" + RUN, "-Dcrowdpulse.optimizer.key-prefix=" + RUN,
                "-Dcrowdpulse.db.schema=optimizer_it",
                "-Dcrowdpulse.optimizer.mode=auto", "-Dcrowdpulse.optimizer.evaluation-interval=1s",
                "-Dcrowdpulse.optimizer.verification-window=8s", "-Dcrowdpulse.optimizer.cooldown=10m",
                "-Dcrowdpulse.optimizer.lease-ttl=2s", "-Dcrowdpulse.optimizer.kubernetes.enabled=false",
                "-Dcrowdpulse.optimizer.targets.session-service.url=http://127.0.0.1:9",
                "-Dcrowdpulse.optimizer.targets.metrics-collector.url=http://127.0.0.1:9",
                "-Dcrowdpulse.optimizer.targets.alerting-service.url=http://127.0.0.1:9",
                "-Dcrowdpulse.optimizer.targets." + TARGET + ".url=" + fake.url(),
                "-Dcrowdpulse.optimizer.targets." + TARGET + ".api-key=" + FakeTarget.KEY,
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log).start();
        PROCESSES.add(process);
        return "http://127.0.0.1:" + port;
    }

    private static String role(String base) {
        return given().baseUri(base).get("/q/health/well").then().extract().jsonPath()
                .getString("checks.find { it.name == 'optimizer' }.data.role");
    }

    private static JsonPath actions(String base) {
        return given().baseUri(base).header("Authorization", "Bearer it-viewer").queryParam("target", TARGET)
                .get("/api/v1/actions").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldActOnOneReplicaOnlyAndLetTheOtherTakeOverTheVerification() throws Exception {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> List.of(role(BASES.get(0)), role(BASES.get(1))).contains("leader"));
        List<String> roles = List.of(role(BASES.get(0)), role(BASES.get(1)));
        assertEquals(1, roles.stream().filter("leader"::equals).count(), "exactly one leader: " + roles);
        int leader = roles.indexOf("leader");
        int standby = 1 - leader;

        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
        try (RawPublisher publisher = new RawPublisher(RUN)) {
            feed.scheduleAtFixedRate(() -> publisher.snapshot(TARGET, PRESSED), 0, 100, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> actions(BASES.get(standby)).getInt("total") > 0);
            JsonPath applied = actions(BASES.get(standby));
            String id = applied.getString("items[0].id");
            assertEquals("applied", applied.getString("items[0].state"));
            assertEquals(List.of("sessions.cleanup-interval=10"), fake.changes(), "one replica changed the knob, once");

            // The leader goes away before the verification window ends.
            Process gone = PROCESSES.get(leader);
            gone.destroy();
            assertTrue(gone.waitFor(20, TimeUnit.SECONDS));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> "leader".equals(role(BASES.get(standby))));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() ->
                    "verified".equals(given().baseUri(BASES.get(standby)).header("Authorization", "Bearer it-viewer")
                            .get("/api/v1/actions/" + id).then().extract().path("action.state")));
            assertEquals(1, actions(BASES.get(standby)).getInt("total"), "no second change: the cooldown holds across replicas");
            assertEquals(List.of("sessions.cleanup-interval=10"), fake.changes());
        } finally {
            feed.shutdownNow();
        }
    }
}
