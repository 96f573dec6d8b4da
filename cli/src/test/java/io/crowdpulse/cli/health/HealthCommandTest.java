package io.crowdpulse.cli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.cli.Cli;
import io.crowdpulse.cli.StubServer;

class HealthCommandTest {

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
    void shouldPrintEveryCheckAndSucceedWhenUp() {
        stub.json("GET", "/q/health", 200, """
                {"status":"UP","checks":[{"name":"Redis connection health check","status":"UP",
                 "data":{"default":"PONG"}},{"name":"Database connections health check","status":"UP"}]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "secret", "health");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                Status  UP

                CHECK                              STATUS  DATA
                Redis connection health check      UP      default=PONG
                Database connections health check  UP
                """, result.out());
        assertNull(stub.lastRequest().authorization(), "health needs no key, so none is sent");
    }

    @Test
    void shouldExitNonZeroNamingTheChecksThatAreDown() {
        stub.json("GET", "/q/health", 503, """
                {"status":"DOWN","checks":[{"name":"Redis connection health check","status":"DOWN"},
                 {"name":"Database connections health check","status":"UP"}]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "health");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Status  DOWN\n"), result.out());
        assertEquals("error: session-service is DOWN (Redis connection health check: DOWN)\n", result.err());
    }

    @Test
    void shouldReportAnUnexpectedStatusAsAnError() {
        stub.route("GET", "/q/health", request -> new StubServer.Reply(500, "text/plain", "boom"));

        Cli.Result result = Cli.run("--url", stub.url(), "health");

        assertEquals(1, result.exitCode());
        assertEquals("error: 500 Internal Server Error: boom\n", result.err());
    }
}
