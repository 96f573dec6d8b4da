package io.crowdpulse.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crowdpulse.cli.Cli;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.StubServer;
import io.crowdpulse.cli.http.Json;

class SimulateCommandTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

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
    void shouldSendHeartbeatsInBatchesAndLogUsersOut() {
        stub.route("POST", "/api/v1/activity/batch", request -> new StubServer.Reply(202, "application/json",
                "{\"accepted\":" + Json.tree(request.body()).size() + "}"));
        stub.route("DELETE", "/api/v1/sessions/*", request -> new StubServer.Reply(204, null, null));

        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "ingest", "simulate", "--users", "40",
                "--modules", "3", "--orgs", "4", "--heartbeat", "500ms", "--duration", "2s", "--churn", "30",
                "--batch", "7", "--seed", "1");

        assertEquals(0, result.exitCode(), result::toString);
        List<StubServer.Request> batches = stub.requests().stream()
                .filter(r -> r.path().equals("/api/v1/activity/batch")).toList();
        List<StubServer.Request> logouts = stub.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        Set<String> sessions = new HashSet<>();
        int heartbeats = 0;
        for (StubServer.Request batch : batches) {
            assertEquals("Bearer ingest", batch.authorization());
            assertEquals("application/json", batch.contentType());
            JsonNode array = Json.tree(batch.body());
            assertTrue(array.isArray() && array.size() >= 1 && array.size() <= 7, batch.body());
            for (JsonNode heartbeat : array) {
                for (String field : List.of("userId", "organizationId", "sessionId", "moduleId")) {
                    assertTrue(IDENTIFIER.matcher(heartbeat.path(field).asText()).matches(), heartbeat.toString());
                }
                sessions.add(heartbeat.path("sessionId").asText());
                heartbeats++;
            }
        }
        // 40 users every 500ms for 2s, and at 30/min about a third of them leave and are replaced.
        assertTrue(heartbeats >= 120, "heartbeats: " + heartbeats);
        assertTrue(sessions.size() > 40, "sessions: " + sessions.size());
        assertTrue(logouts.size() >= 5, "logouts: " + logouts.size());
        logouts.forEach(logout -> assertTrue(sessions.contains(logout.path().substring("/api/v1/sessions/".length())),
                "logout of an unknown session " + logout.path()));
        assertTrue(result.out().startsWith("simulating 40 users in 4 organizations and 3 modules (accounting, "
                + "invoicing, payroll), heartbeat every 500ms, for 2s\n"), result.out());
        String done = result.out().lines().filter(l -> l.startsWith("done: ")).findFirst().orElseThrow();
        assertTrue(done.matches("done: \\d+s  online 40  heartbeats " + heartbeats + "  logins \\d+  logouts "
                + logouts.size() + "  moves \\d+  errors 0"), done);
        assertEquals("", result.err());
    }

    @Test
    void shouldStopAtOnceWhenEveryRequestIsRejected() {
        stub.route("POST", "/api/v1/activity/batch",
                request -> StubServer.Reply.problem(403, "Forbidden", "ingest role required"));

        long started = System.nanoTime();
        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "viewer", "simulate", "--users", "50",
                "--heartbeat", "1s", "--duration", "1m");

        assertEquals(ExitCodes.FAILURE, result.exitCode(), result::toString);
        assertEquals("error: 403 Forbidden: ingest role required\n", result.err());
        assertTrue(System.nanoTime() - started < 20_000_000_000L, "gave up early");
    }

    @Test
    void shouldRejectABatchLargerThanTheServerTakes() {
        Cli.Result result = Cli.run("--url", stub.url(), "simulate", "--batch", "1001");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("error: --batch must be between 1 and 1000 (see 'crowdpulse simulate --help')\n", result.err());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void shouldRejectImpossibleSettings() {
        Cli.Result result = Cli.run("--url", stub.url(), "simulate", "--users", "0");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertEquals("error: users must be at least 1 (see 'crowdpulse simulate --help')\n", result.err());
    }
}
