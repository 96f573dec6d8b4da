package io.crowdpulse.alerting.notify.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port with a minimal
 * configuration in a temporary directory, clustering off; destroyed on close. Fails, never skips, when
 * the binary is missing.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager",
            "/usr/bin/alertmanager");
    private static final String CONFIG = """
            route:
              receiver: blackhole
              group_wait: 0s
            receivers:
              - name: blackhole
            """;

    private final Process process;
    private final Path dir;
    private final int port;

    private AlertmanagerProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static AlertmanagerProcess start() throws IOException {
        String binary = binary();
        Path dir = Files.createTempDirectory("crowdpulse-alertmanager");
        Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Process process = new ProcessBuilder(binary,
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerProcess am = new AlertmanagerProcess(process, dir, port);
        am.awaitReady(Duration.ofSeconds(30));
        return am;
    }

    private static String binary() {
        String configured = System.getenv("CROWDPULSE_ALERTMANAGER_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        return CANDIDATES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Alertmanager is not installed (looked for "
                        + String.join(", ", CANDIDATES) + " and $CROWDPULSE_ALERTMANAGER_BIN). Install it with: "
                        + "apt-get install -y prometheus-alertmanager (.ci/run does)"));
    }

    private void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(1))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            String log = log();
            close();
            throw new IllegalStateException("Alertmanager was not ready within " + atMost + ":\n" + log, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
