package io.crowdpulse.optimizer.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.crowdpulse.common.testing.RedisCleanup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real session-service, started from its packaged jar (built earlier in the reactor) as a separate process
 * on a free port with keys, Redis prefix and channel namespace of its own; the optimizer under test is
 * pointed at its tuning API. Its URL is left in a system property for the test.
 */
public class SessionServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "crowdpulse.test.session-service.url";
    public static final String TARGET_PROPERTY = "crowdpulse.test.session-service.target";
    public static final String ADMIN_KEY = "e2e-admin";
    public static final String VIEWER_KEY = "e2e-viewer";
    /** The cleanup interval it starts with: poor on purpose, so session-cleanup has something to shorten. */
    public static final int CLEANUP_SECONDS = 8;

    private final String run = "cpe2e-" + UUID.randomUUID().toString().substring(0, 8);
    private Process process;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("session-service.jar",
                Path.of("..", "session-service", "target", "quarkus-app", "quarkus-run.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package session-service first (./mvnw -pl optimizer-service -am verify does): "
                    + jar.toAbsolutePath());
        }
        int port = freePort();
        File log = Path.of("target", "session-service-e2e.log").toFile();
        try {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dquarkus.http.port=" + port,
                    "-Dcrowdpulse.security.ingest-keys=e2e-ingest",
                    "-Dcrowdpulse.security.viewer-keys=" + VIEWER_KEY,
                    "-Dcrowdpulse.security.admin-keys=" + ADMIN_KEY,
                    "-Dcrowdpulse.sessions.key-prefix=" + run,
                    "-Dcrowdpulse.events.namespace=" + run,
                    "-Dcrowdpulse.db.schema=sessions_it",
                    "-Dcrowdpulse.sessions.cleanup-interval=" + CLEANUP_SECONDS + "s",
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "http://127.0.0.1:" + port;
        awaitReady(url);
        String target = "session-e2e-" + run.substring(6);
        System.setProperty(URL_PROPERTY, url);
        System.setProperty(TARGET_PROPERTY, target);
        return Map.of(
                "crowdpulse.optimizer.targets.\"" + target + "\".url", url,
                "crowdpulse.optimizer.targets.\"" + target + "\".api-key", ADMIN_KEY);
    }

    private void awaitReady(String url) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> isReady(url));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("session-service did not become ready within 90 s; see target/session-service-e2e.log");
        }
    }

    private boolean isReady(String url) {
        if (!process.isAlive()) {
            throw new IllegalStateException("session-service exited with " + process.exitValue()
                    + "; see target/session-service-e2e.log");
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
        RedisCleanup.deleteKeysStartingWith(run);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
