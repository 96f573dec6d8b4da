package io.crowdpulse.cli.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.cli.Cli;
import io.crowdpulse.cli.StubServer;
import io.crowdpulse.cli.http.Json;

class ConcurrencyCommandsTest {

    private static final String CURRENT = """
            {"timestamp":"2026-01-01T10:00:00Z","concurrentUsers":245,"activeSessions":260,"windowSeconds":60}""";

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
    void shouldPrintCurrentUsersAndSendTheKeyAsBearerToken() {
        stub.json("GET", "/api/v1/concurrent-users", 200, CURRENT);

        Cli.Result result = Cli.run("--url", stub.url(), "--api-key", "viewer-key", "current");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                Concurrent users  245
                Active sessions   260
                Window            60s
                As of             2026-01-01T10:00:00Z
                """, result.out());
        assertEquals("", result.err());
        assertEquals("Bearer viewer-key", stub.lastRequest().authorization());
        assertEquals("GET", stub.lastRequest().method());
    }

    @Test
    void shouldTakeGlobalOptionsAfterTheCommandToo() {
        stub.json("GET", "/api/v1/concurrent-users", 200, CURRENT);

        Cli.Result result = Cli.run("current", "--url", stub.url() + "/", "--api-key", "k2", "--timeout", "5s");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("Bearer k2", stub.lastRequest().authorization());
    }

    @Test
    void shouldSendNoAuthorizationWithoutAKey() {
        stub.json("GET", "/api/v1/concurrent-users", 200, CURRENT);

        Cli.run("--url", stub.url(), "current");

        assertNull(stub.lastRequest().authorization());
    }

    @Test
    void shouldPrintTheServersJsonIndentedWithJsonOption() {
        stub.json("GET", "/api/v1/concurrent-users", 200, CURRENT);

        Cli.Result result = Cli.run("--url", stub.url(), "--json", "current");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Json.tree(CURRENT), Json.tree(result.out()));
        assertTrue(result.out().contains("\n  \"concurrentUsers\" : 245,\n"), result.out());
    }

    @Test
    void shouldPrintModulesAsATableWithBars() {
        stub.json("GET", "/api/v1/concurrent-users/modules", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","windowSeconds":60,
                 "modules":[{"moduleId":"accounting","concurrentUsers":120},{"moduleId":"tax","concurrentUsers":40}]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "modules");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                MODULE      USERS
                accounting    120  ##############################
                tax            40  ##########

                2 modules, 60s window, as of 2026-01-01T10:00:00Z
                """, result.out());
    }

    @Test
    void shouldSayWhenNoModuleHasUsers() {
        stub.json("GET", "/api/v1/concurrent-users/modules", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","windowSeconds":60,"modules":[]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "modules");

        assertEquals("No users online in any module (60s window, as of 2026-01-01T10:00:00Z)\n", result.out());
    }

    @Test
    void shouldPrintOneModule() {
        stub.json("GET", "/api/v1/concurrent-users/modules/accounting", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","windowSeconds":60,"moduleId":"accounting","concurrentUsers":120}""");

        Cli.Result result = Cli.run("--url", stub.url(), "module", "accounting");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Module            accounting\nConcurrent users  120\n"), result.out());
    }

    @Test
    void shouldAskForTheTopOrganizationsAndRankThem() {
        stub.json("GET", "/api/v1/concurrent-users/organizations", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","windowSeconds":60,
                 "organizations":[{"organizationId":"org-1","concurrentUsers":30},
                                  {"organizationId":"org-7","concurrentUsers":15},
                                  {"organizationId":"org-2","concurrentUsers":3}]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "organizations", "--top", "3");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("top=3", stub.lastRequest().query());
        assertTrue(result.out().startsWith("""
                RANK  ORGANIZATION  USERS
                   1  org-1            30  ##############################
                   2  org-7            15  ###############
                   3  org-2             3  ###
                """), result.out());
    }

    @Test
    void shouldPrintOneOrganization() {
        stub.json("GET", "/api/v1/concurrent-users/organizations/org-1", 200, """
                {"timestamp":"2026-01-01T10:00:00Z","windowSeconds":60,"organizationId":"org-1","concurrentUsers":30}""");

        Cli.Result result = Cli.run("--url", stub.url(), "organization", "org-1");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("Organization      org-1\nConcurrent users  30\n"), result.out());
    }

    @Test
    void shouldMonitorUntilTheCountAndPrintTheChange() {
        AtomicInteger polls = new AtomicInteger();
        int[] users = {245, 250, 240};
        stub.route("GET", "/api/v1/concurrent-users", request -> {
            int poll = polls.getAndIncrement();
            return new StubServer.Reply(200, "application/json", "{\"timestamp\":\"2026-01-01T10:00:0" + poll
                    + "Z\",\"concurrentUsers\":" + users[poll] + ",\"activeSessions\":" + (users[poll] + 10)
                    + ",\"windowSeconds\":60}");
        });

        Cli.Result result = Cli.run("--url", stub.url(), "monitor", "--interval", "10ms", "--count", "3");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(3, polls.get());
        String[] lines = result.out().split("\n");
        assertEquals(4, lines.length, result.out());
        assertTrue(lines[0].matches("TIME\\s+USERS\\s+SESSIONS\\s+DELTA"), lines[0]);
        assertTrue(lines[1].matches("2026-01-01T10:00:00Z\\s+245\\s+255\\s+-"), lines[1]);
        assertTrue(lines[2].matches("2026-01-01T10:00:01Z\\s+250\\s+260\\s+\\+5"), lines[2]);
        assertTrue(lines[3].matches("2026-01-01T10:00:02Z\\s+240\\s+250\\s+-10"), lines[3]);
    }

    @Test
    void shouldKeepMonitoringThroughAFailedPollAndExitNonZero() {
        AtomicInteger polls = new AtomicInteger();
        stub.route("GET", "/api/v1/concurrent-users", request -> polls.getAndIncrement() == 1
                ? StubServer.Reply.problem(503, "Service Unavailable", "overloaded")
                : new StubServer.Reply(200, "application/json", CURRENT));

        Cli.Result result = Cli.run("--url", stub.url(), "--json", "monitor", "-i", "10ms", "-c", "3");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("error: 503 Service Unavailable: overloaded\n", result.err());
        assertEquals(2, result.out().lines().count(), result.out());
        result.out().lines().forEach(line -> assertEquals(Json.tree(CURRENT), Json.tree(line)));
    }
}
