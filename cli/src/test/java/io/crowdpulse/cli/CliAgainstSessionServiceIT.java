package io.crowdpulse.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the CLI against the real session-service, started from its built jar on a free port with keys, Redis
 * key prefix, channel namespace and database schema of its own (Redis and PostgreSQL must be running locally).
 */
class CliAgainstSessionServiceIT {

    private static final String INGEST = "it-ingest";
    private static final String VIEWER = "it-viewer";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static Process service;
    private static String url;
    private static String run;
    private static Path log;

    @BeforeAll
    static void startSessionService() throws IOException {
        Path jar = Path.of(System.getProperty("session-service.jar",
                "../session-service/target/quarkus-app/quarkus-run.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("session-service jar not found at " + jar + ": build it first "
                    + "(./mvnw -B -pl session-service -am package -DskipTests), or build the whole project");
        }
        log = Path.of(System.getProperty("session-service.log", "target/session-service-it.log"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        int port = freePort();
        run = "cpit-" + UUID.randomUUID().toString().substring(0, 8);
        url = "http://127.0.0.1:" + port;
        service = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dcrowdpulse.security.ingest-keys=" + INGEST,
                "-Dcrowdpulse.security.viewer-keys=" + VIEWER,
                "-Dcrowdpulse.security.admin-keys=it-admin",
                "-Dcrowdpulse.sessions.key-prefix=" + run,
                "-Dcrowdpulse.events.namespace=" + run,
                "-Dcrowdpulse.db.schema=sessions_cli_it",
                "-jar", jar.toString()))
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        awaitReady();
    }

    @AfterAll
    static void stopSessionService() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(15, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        // The run's keys are its own; remove them so repeated runs leave Redis as they found it.
        new ProcessBuilder("bash", "-c", "redis-cli -h 127.0.0.1 --scan --pattern '" + run
                + "*' | xargs -r -n 500 redis-cli -h 127.0.0.1 del").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldTrackCountEndAndReportUsersAgainstTheRealService() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orgA = "org-a-" + run;
        String orgB = "org-b-" + run;
        String accounting = "accounting-" + run;
        String tax = "tax-" + run;
        String endedSession = "s3-" + run;

        assertTracked("u1-" + run, orgA, "s1-" + run, accounting);
        assertTracked("u2-" + run, orgA, "s2-" + run, accounting);
        assertTracked("u3-" + run, orgB, endedSession, tax);

        await("three users counted").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertEquals(3, number(viewer("current"), "Concurrent users")));
        assertEquals(2, number(viewer("module", accounting), "Concurrent users"));
        assertEquals(1, number(viewer("module", tax), "Concurrent users"));
        assertEquals(2, number(viewer("organization", orgA), "Concurrent users"));
        Cli.Result json = Cli.run("--url", url, "--api-key", VIEWER, "--json", "current");
        assertEquals(0, json.exitCode(), json::toString);
        assertTrue(json.out().contains("\"concurrentUsers\" : 3"), json.out());

        Cli.Result ended = Cli.run("--url", url, "--api-key", INGEST, "end", endedSession);
        assertEquals(0, ended.exitCode(), ended::toString);
        assertEquals("ended " + endedSession + "\n", ended.out());
        await("the ended session no longer counted").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertEquals(2, number(viewer("current"), "Concurrent users")));
        assertEquals(0, number(viewer("module", tax), "Concurrent users"));

        await("a peak recorded").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String peak = viewer("peak", "--start", "1h", "--end", "now");
            long users = number(peak, "Peak");
            assertTrue(users >= 2 && users <= 3, peak);
        });
    }

    @Test
    void shouldReportTheServiceHealthy() {
        Cli.Result health = Cli.run("--url", url, "health");

        assertEquals(0, health.exitCode(), health::toString);
        assertTrue(health.out().startsWith("Status  UP\n"), health.out());
        assertEquals("", health.err());
    }

    @Test
    void shouldRefuseToShowCountsToAnIngestKey() {
        Cli.Result result = Cli.run("--url", url, "--api-key", INGEST, "current");

        assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("error: 403 Forbidden"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void shouldRefuseAnythingWithoutAKey() {
        Cli.Result result = Cli.run("--url", url, "current");

        assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("error: 401 Unauthorized"), result.err());
    }

    @Test
    void shouldReportAnUnknownSession() {
        Cli.Result result = Cli.run("--url", url, "--api-key", INGEST, "end", "no-such-session-" + UUID.randomUUID());

        assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("error: 404 "), result.err());
    }

    private static void assertTracked(String user, String organization, String session, String module) {
        Cli.Result result = Cli.run("--url", url, "--api-key", INGEST, "track",
                "-u", user, "-o", organization, "-s", session, "-m", module, "--user-agent", "crowdpulse-it");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("accepted\n", result.out());
    }

    private static String viewer(String... command) {
        String[] args = new String[command.length + 4];
        args[0] = "--url";
        args[1] = url;
        args[2] = "--api-key";
        args[3] = VIEWER;
        System.arraycopy(command, 0, args, 4, command.length);
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result::toString);
        return result.out();
    }

    private static long number(String output, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\d+)").matcher(output);
        assertTrue(matcher.find(), "no '" + label + "' in:\n" + output);
        return Long.parseLong(matcher.group(1));
    }

    private static void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await("session-service ready at " + url + " (log: " + log.toAbsolutePath() + ")")
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!service.isAlive()) {
                        throw new IllegalStateException("session-service exited with code " + service.exitValue()
                                + " before it was ready; see " + log.toAbsolutePath() + ":\n" + tail(log));
                    }
                    try {
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notListeningYet) {
                        return false;
                    }
                });
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
