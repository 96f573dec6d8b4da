package io.crowdpulse.cli.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.cli.Cli;
import io.crowdpulse.cli.StubServer;
import io.crowdpulse.cli.http.Json;

class SessionCommandsTest {

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
    void shouldPostOneActivityAndPrintAccepted() {
        stub.json("POST", "/api/v1/activity", 202, "");

        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "ingest", "track",
                "-u", "user-1", "-o", "org-1", "-s", "s-1", "-m", "accounting", "--user-agent", "Mozilla/5.0 test");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("accepted\n", result.out());
        StubServer.Request request = stub.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("application/json", request.contentType());
        assertEquals("Bearer ingest", request.authorization());
        assertEquals(Json.tree("""
                {"userId":"user-1","organizationId":"org-1","sessionId":"s-1","moduleId":"accounting",
                 "userAgent":"Mozilla/5.0 test"}"""), Json.tree(request.body()));
    }

    @Test
    void shouldLeaveOutTheUserAgentWhenNotGiven() {
        stub.json("POST", "/api/v1/activity", 202, "");

        Cli.run("--url", stub.url(), "track", "--user", "u", "--org", "o", "--session", "s", "--module", "m");

        assertEquals(Json.tree("{\"userId\":\"u\",\"organizationId\":\"o\",\"sessionId\":\"s\",\"moduleId\":\"m\"}"),
                Json.tree(stub.lastRequest().body()));
    }

    @Test
    void shouldRequireEveryIdentifierToTrack() {
        Cli.Result result = Cli.run("--url", stub.url(), "track", "-u", "u", "-o", "o", "-s", "s");

        assertEquals(2, result.exitCode());
        assertEquals("error: Missing required option: '--module=ID' (see 'crowdpulse track --help')\n", result.err());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void shouldPrintFieldErrorsOfARejectedActivityOnOneLine() {
        stub.route("POST", "/api/v1/activity", request -> new StubServer.Reply(400, "application/problem+json", """
                {"title":"Bad Request","status":400,"detail":"invalid activity",
                 "errors":[{"field":"userId","message":"must match [A-Za-z0-9._:@-]{1,128}"}]}"""));

        Cli.Result result = Cli.run("--url", stub.url(), "track", "-u", "bad id", "-o", "o", "-s", "s", "-m", "m");

        assertEquals(1, result.exitCode());
        assertEquals("error: 400 Bad Request: invalid activity (userId: must match [A-Za-z0-9._:@-]{1,128})\n",
                result.err());
    }

    @Test
    void shouldEndASession() {
        stub.json("DELETE", "/api/v1/sessions/s-1", 204, "");

        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "ingest", "end", "s-1");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("ended s-1\n", result.out());
        assertEquals("DELETE", stub.lastRequest().method());
        assertEquals("Bearer ingest", stub.lastRequest().authorization());
    }

    @Test
    void shouldFailToEndAnUnknownSession() {
        stub.route("DELETE", "/api/v1/sessions/*",
                request -> StubServer.Reply.problem(404, "Not Found", "no session s-x"));

        Cli.Result result = Cli.run("--url", stub.url(), "end", "s-x");

        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertEquals("error: 404 Not Found: no session s-x\n", result.err());
    }

    @Test
    void shouldPrintEveryStatisticTheServerSends() {
        stub.json("GET", "/api/v1/sessions/stats", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","activeSessions":260,"startedPerMinute":4.25,
                 "endedPerMinute":3,"averageDurationSeconds":1834.5,"windowSeconds":60,"extra":"x"}""");

        Cli.Result result = Cli.run("--url", stub.url(), "stats");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                Timestamp                 2026-01-01T10:00:00Z
                Active sessions           260
                Started per minute        4.25
                Ended per minute          3
                Average duration seconds  1834.5
                Window seconds            60
                Extra                     x
                """, result.out());
    }
}
