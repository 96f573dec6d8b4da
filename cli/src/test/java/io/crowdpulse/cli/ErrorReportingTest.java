package io.crowdpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {

    private StubServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = StubServer.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void shouldPrintAnUnauthorizedProblemOnOneLine() {
        stub.route("GET", "/api/v1/concurrent-users",
                request -> StubServer.Reply.problem(401, "Unauthorized", "missing API key"));

        Cli.Result result = Cli.run("--url", stub.url(), "current");

        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertEquals("error: 401 Unauthorized: missing API key\n", result.err());
    }

    @Test
    void shouldPrintTheProblemNotJsonEvenWithJsonOption() {
        stub.route("GET", "/api/v1/concurrent-users",
                request -> StubServer.Reply.problem(403, "Forbidden", "viewer role required"));

        Cli.Result result = Cli.run("--url", stub.url(), "--json", "current");

        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertEquals("error: 403 Forbidden: viewer role required\n", result.err());
    }

    @Test
    void shouldNameTheServiceWhenTheConnectionIsRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Cli.Result result = Cli.run("--url", "http://127.0.0.1:" + port, "current");

        assertEquals(ExitCodes.UNREACHABLE, result.exitCode());
        assertEquals("", result.out());
        assertEquals("error: session-service at http://127.0.0.1:" + port + " unreachable (connection refused)\n",
                result.err());
    }

    @Test
    void shouldGiveUpAfterTheTimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        stub.route("GET", "/api/v1/concurrent-users", request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StubServer.Reply.problem(500, "Internal Server Error", "too late");
        });

        Cli.Result result = Cli.run("--url", stub.url(), "--timeout", "300ms", "current");
        release.countDown();

        assertEquals(ExitCodes.UNREACHABLE, result.exitCode());
        assertEquals("error: session-service at " + stub.url() + " did not answer within 300ms\n", result.err());
    }

    @Test
    void shouldReportAnAnswerThatIsNotTheExpectedJson() {
        stub.json("GET", "/api/v1/concurrent-users", 200, "<html>hello</html>");

        Cli.Result result = Cli.run("--url", stub.url(), "current");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: unexpected JSON for CurrentUsers"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void shouldRejectAnInvalidOptionValueOnOneLine() {
        Cli.Result result = Cli.run("--url", stub.url(), "organizations", "--top", "many");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("error: Invalid value for option '--top': 'many' is not an int (see 'crowdpulse organizations --help')\n",
                result.err());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void shouldRejectABadDurationAndABadUrl() {
        Cli.Result badDuration = Cli.run("--timeout", "soon", "current");
        Cli.Result badUrl = Cli.run("--url", "localhost:8081", "current");

        assertEquals(ExitCodes.USAGE, badDuration.exitCode());
        assertTrue(badDuration.err().startsWith("error: Invalid value for option '--timeout': invalid duration 'soon'"),
                badDuration.err());
        assertEquals(ExitCodes.USAGE, badUrl.exitCode());
        assertEquals("error: invalid --url 'localhost:8081' (expected e.g. http://localhost:8081)\n", badUrl.err());
    }

    @Test
    void shouldPrintUsageAndFailWithoutACommand() {
        Cli.Result result = Cli.run();

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("Usage: crowdpulse"), result.err());
    }

    @Test
    void shouldPrintHelpAndVersion() {
        Cli.Result help = Cli.run("--help");
        Cli.Result version = Cli.run("--version");

        assertEquals(0, help.exitCode());
        for (String command : new String[] {"current", "modules", "module", "organizations", "organization", "peak",
            "average", "trend", "stats", "monitor", "health", "track", "end", "simulate"}) {
            assertTrue(help.out().contains("\n  " + command + " ") || help.out().contains("\n  " + command + ","),
                    "help lists " + command);
        }
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("crowdpulse " + Version.current() + "\n"), version.out());
        assertTrue(Version.current().matches("\\d+\\.\\d+\\.\\d+.*"), Version.current());
    }
}
