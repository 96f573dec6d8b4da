package io.crowdpulse.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.RedisCleanup;
import io.crowdpulse.metrics.support.ScriptedExporter;

/**
 * Two metrics-collector processes over one Redis split the scrape targets: every target is scraped once
 * a second, not twice; when one replica stops, the other takes its targets over.
 */
class TwoCollectorsIT {

    private static final String RUN = "cmit-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int TARGETS = 6;
    private static final List<ScriptedExporter> EXPORTERS = new ArrayList<>();
    private static final List<Process> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < TARGETS; i++) {
            EXPORTERS.add(ScriptedExporter.start(n -> "# TYPE work_queue_size gauge\nwork_queue_size " + n + "\n"));
        }
        for (String name : List.of("a", "b")) {
            REPLICAS.add(startReplica(name));
        }
    }

    @AfterAll
    static void stop() {
        REPLICAS.forEach(Process::destroy);
        EXPORTERS.forEach(ScriptedExporter::close);
        RedisCleanup.deleteKeysStartingWith(RUN);
    }

    private static Process startReplica(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package metrics-collector first: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dcrowdpulse.metrics.replicas.key-prefix=" + RUN, "-Dcrowdpulse.events.namespace=" + RUN,
                "-Dcrowdpulse.db.schema=metrics_it", "-Dcrowdpulse.metrics.replicas.ttl=3s"));
        for (int i = 0; i < TARGETS; i++) {
            command.add("-Dcrowdpulse.metrics.targets.it-target-" + i + "=" + EXPORTERS.get(i).url());
        }
        command.addAll(List.of("-jar", jar.toString()));
        File log = Path.of("target", "collector-" + name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> given().baseUri(base).get("/q/health/ready").statusCode() == 200);
        return process;
    }

    /** Scrapes of each target during {@code seconds}. */
    private static int[] scrapesDuring(int seconds) {
        int[] before = EXPORTERS.stream().mapToInt(ScriptedExporter::scrapes).toArray();
        await().pollDelay(Duration.ofSeconds(seconds)).atMost(Duration.ofSeconds(seconds + 1)).until(() -> true);
        int[] counts = new int[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            counts[i] = EXPORTERS.get(i).scrapes() - before[i];
        }
        return counts;
    }

    @Test
    void shouldScrapeEachTargetOnceAndTakeOverWhenAReplicaLeaves() throws Exception {
        // let both replicas see each other
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int[] shared = scrapesDuring(6);
        for (int n : shared) {
            assertTrue(n >= 4 && n <= 8, "each target scraped about once a second by one replica: " + java.util.Arrays.toString(shared));
        }

        Process leaving = REPLICAS.remove(0);
        leaving.destroy();
        assertTrue(leaving.waitFor(20, TimeUnit.SECONDS));
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        int[] alone = scrapesDuring(6);
        for (int n : alone) {
            assertTrue(n >= 4 && n <= 8, "the remaining replica scrapes every target: " + java.util.Arrays.toString(alone));
        }
    }
}
