package io.crowdpulse.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.cli.Cli;
import io.crowdpulse.cli.StubServer;
import io.crowdpulse.cli.http.Json;

class HistoryCommandsTest {

    private static final String PEAK = """
            {"from":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z","peak":123,
             "at":"2026-01-01T14:03:00Z","source":"samples","samples":3600}""";

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
    void shouldPassTheTimeRangeToTheServerUnchangedAndPrintThePeak() {
        stub.json("GET", "/api/v1/concurrent-users/peak", 200, PEAK);

        Cli.Result result = Cli.run("--url", stub.url(), "peak", "--start", "24h", "--end", "now", "--module", "tax");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("from=24h&to=now&module=tax", stub.lastRequest().query());
        assertEquals("""
                Peak    123 users
                At      2026-01-01T14:03:00Z
                From    2026-01-01T00:00:00Z
                To      2026-01-02T00:00:00Z
                Module  tax
                Source  samples (3600 samples)
                """, result.out());
    }

    @Test
    void shouldDefaultThePeakRangeToTheLastDay() {
        stub.json("GET", "/api/v1/concurrent-users/peak", 200, PEAK);

        Cli.run("--url", stub.url(), "peak");

        assertEquals("from=24h&to=now", stub.lastRequest().query());
    }

    @Test
    void shouldPassIsoInstantsThrough() {
        stub.json("GET", "/api/v1/concurrent-users/peak", 200, PEAK);

        Cli.run("--url", stub.url(), "peak", "--start", "2026-01-01T00:00:00Z", "--end", "2026-01-01T12:00:00+01:00");

        assertEquals("from=2026-01-01T00:00:00Z&to=2026-01-01T12:00:00+01:00", stub.lastRequest().query());
    }

    @Test
    void shouldSayWhenThereIsNoPeakYet() {
        stub.json("GET", "/api/v1/concurrent-users/peak", 200, """
                {"from":"a","to":"b","peak":null,"at":null,"source":"samples","samples":0}""");

        Cli.Result result = Cli.run("--url", stub.url(), "peak");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Peak    no data\nAt      -\n"), result.out());
    }

    @Test
    void shouldPrintTheAverage() {
        stub.json("GET", "/api/v1/concurrent-users/average", 200, """
                {"from":"2026-01-01T09:00:00Z","to":"2026-01-01T10:00:00Z","average":12.5,"source":"rollups",
                 "samples":60}""");

        Cli.Result result = Cli.run("--url", stub.url(), "average", "--start", "1h");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("from=1h&to=now", stub.lastRequest().query());
        assertTrue(result.out().startsWith("Average  12.5 users\n"), result.out());
        assertTrue(result.out().contains("Source   rollups (60 samples)\n"), result.out());
    }

    @Test
    void shouldPrintTrendBucketsWithBars() {
        stub.json("GET", "/api/v1/concurrent-users/trend", 200, """
                {"from":"2026-01-01T09:00:00Z","to":"2026-01-01T09:10:00Z","step":"PT5M","source":"samples",
                 "direction":"rising","slopePerHour":1.5,
                 "buckets":[{"start":"2026-01-01T09:00:00Z","end":"2026-01-01T09:05:00Z","min":10,"avg":12.5,"max":15,"samples":300},
                            {"start":"2026-01-01T09:05:00Z","end":"2026-01-01T09:10:00Z","min":20,"avg":25,"max":30,"samples":300}]}""");

        Cli.Result result = Cli.run("--url", stub.url(), "trend", "--start", "10m", "--step", "5m", "-m", "tax");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("from=10m&to=now&module=tax&step=5m", stub.lastRequest().query());
        assertEquals("""
                Trend rising, +1.5 users/hour from 2026-01-01T09:00:00Z to 2026-01-01T09:10:00Z (step PT5M, source samples)

                START                 END                   MIN   AVG  MAX  SAMPLES
                2026-01-01T09:00:00Z  2026-01-01T09:05:00Z   10  12.5   15      300  ###############
                2026-01-01T09:05:00Z  2026-01-01T09:10:00Z   20    25   30      300  ##############################
                """, result.out());
    }

    @Test
    void shouldPrintTrendJsonUnchanged() {
        String body = """
                {"from":"a","to":"b","step":"PT5M","source":"samples","direction":"flat","slopePerHour":0,"buckets":[]}""";
        stub.json("GET", "/api/v1/concurrent-users/trend", 200, body);

        Cli.Result result = Cli.run("--url", stub.url(), "trend", "--json");

        assertEquals(Json.tree(body), Json.tree(result.out()));
    }
}
