package io.crowdpulse.session.overload;

import static io.crowdpulse.session.support.Api.asAdmin;
import static io.crowdpulse.session.support.Api.asIngest;
import static io.crowdpulse.session.support.Api.asViewer;
import static io.crowdpulse.session.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.common.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The overload protection of common, through session-service's real HTTP server: the limiter sheds
 * under overload and never sheds probes, metrics or admin calls; the per-key rate limit; the knobs;
 * degraded mode in and out (long-range history shed, the live stream slowed); and
 * {@code GET /api/v1/concurrency}.
 */
@QuarkusTest
@TestProfile(OverloadTestProfile.class)
@QuarkusTestResource(TestInfrastructure.class)
class OverloadProtectionTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void restoreKnobs() {
        setKnob("limiter.min-limit", 10);
        setKnob("limiter.max-limit", 1000);
        setKnob("ratelimit.per-client-rate", 100_000);
        setKnob("ratelimit.per-client-burst", 200_000);
        setKnob("db.pool-max-size", 8);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asViewer().get("/api/v1/concurrency")
                .then().body("degraded.active", equalTo(false)));
    }

    private static void setKnob(String name, double value) {
        asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + name).then().statusCode(200);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String heartbeat() {
        String id = unique("ov");
        return "{\"userId\":\"" + id + "\",\"organizationId\":\"org-ov\",\"sessionId\":\"" + id
                + "\",\"moduleId\":\"overload\"}";
    }

    /** Heartbeats from {@code threads} clients at once until {@code stop}; statuses counted, 503s kept. */
    private List<Future<?>> flood(ExecutorService pool, int threads, AtomicBoolean stop, Map<Integer, AtomicInteger> statuses,
            ConcurrentLinkedQueue<HttpResponse<String>> shed) {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    HttpResponse<String> r = send("POST", "/api/v1/activity", TestKeys.INGEST, heartbeat());
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503 && shed.size() < 5) {
                        shed.add(r);
                    }
                }
                return null;
            }));
        }
        return running;
    }

    @Test
    void shouldShedIngestOverTheLimitButNeverProbesMetricsOrAdminCalls() throws Exception {
        setKnob("limiter.min-limit", 1);
        setKnob("limiter.max-limit", 1);
        asViewer().get("/api/v1/concurrency").then().body("limiter.limit", equalTo(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<HttpResponse<String>> shed = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> running = flood(pool, 12, stop, statuses, shed);
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses.containsKey(503));
            // While the single place is fought over, what must stay open stays open.
            for (int i = 0; i < 30; i++) {
                assertEquals(200, send("GET", "/q/health/live", null, null).statusCode());
                assertEquals(200, send("GET", "/q/health/ready", null, null).statusCode());
                assertEquals(200, send("GET", "/q/metrics", null, null).statusCode());
                assertEquals(200, send("GET", "/api/v1/concurrency", TestKeys.ADMIN, null).statusCode());
                assertEquals(200, send("GET", "/api/v1/concurrent-users", TestKeys.ADMIN, null).statusCode());
                assertEquals(200, send("PUT", "/api/v1/tuning/limiter.max-limit", TestKeys.ADMIN, "{\"value\":1}")
                        .statusCode());
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(statuses.get(202).get() > 0, "some heartbeats were admitted: " + statuses);
        assertTrue(statuses.get(503).get() > 0, "some heartbeats were shed: " + statuses);
        assertEquals(Map.of(), Map.copyOf(statuses).entrySet().stream()
                .filter(e -> e.getKey() != 202 && e.getKey() != 503)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
        HttpResponse<String> rejected = shed.peek();
        assertEquals("1", rejected.headers().firstValue("Retry-After").orElse(null));
        assertEquals("application/problem+json", rejected.headers().firstValue("Content-Type").orElse(null));
        assertTrue(rejected.body().contains("\"status\":503"), rejected.body());
        assertTrue(rejected.body().contains("problems/overloaded"), rejected.body());
        // Every admitted request gave its place back, and the sheds are counted per partition (asked as
        // admin, whose own request does not count against the limit).
        asAdmin().get("/api/v1/concurrency").then().statusCode(200)
                .body("limiter.inflight", equalTo(0))
                .body("limiter.partitions.find { it.name == 'ingest' }.shed", greaterThan(0))
                .body("limiter.partitions.find { it.name == 'ingest' }.inflight", equalTo(0))
                .body("limiter.partitions.find { it.name == 'admin' }.shed", equalTo(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crowdpulse_limiter_shed_total{partition=\"ingest\"}"))
                .body(containsString("crowdpulse_limiter_limit{partition=\"all\"} 1.0"));
        // A larger limit through the tuning API admits the same load again.
        setKnob("limiter.max-limit", 1000);
        setKnob("limiter.min-limit", 200);
        for (int i = 0; i < 20; i++) {
            assertEquals(202, send("POST", "/api/v1/activity", TestKeys.INGEST, heartbeat()).statusCode());
        }
    }

    @Test
    void shouldAnswer429AfterTheBurstOfAKeyAndRecover() {
        setKnob("ratelimit.per-client-rate", 2);
        setKnob("ratelimit.per-client-burst", 3);
        // The bucket of the viewer key may hold tokens from before; use them up.
        int ok = 0;
        while (asViewer().get("/api/v1/concurrent-users").statusCode() == 200) {
            ok++;
            assertTrue(ok < 100, "the rate limit never applied");
        }
        asViewer().get("/api/v1/concurrent-users").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("type", endsWith("/rate-limited"));
        // Admin keys are never rate limited; another key has its own bucket.
        for (int i = 0; i < 10; i++) {
            asAdmin().get("/api/v1/concurrent-users").then().statusCode(200);
        }
        asIngest().body(Map.of("userId", "u-rl", "organizationId", "org-rl", "sessionId", "s-rl", "moduleId", "rl"))
                .post("/api/v1/activity").then().statusCode(202);
        asAdmin().get("/api/v1/concurrency").then().statusCode(200)
                .body("rateLimit.perClientRate", equalTo(2.0))
                .body("rateLimit.rejected", greaterThan(0));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> asViewer().get("/api/v1/concurrent-users").then().statusCode(200));
    }

    @Test
    void shouldEnterDegradedModeUnderSustainedOverloadAndLeaveByItself() throws Exception {
        asAdmin().get("/api/v1/concurrent-users/peak?from=7d").then().statusCode(200).body("source", equalTo("rollups"));
        setKnob("limiter.min-limit", 1);
        setKnob("limiter.max-limit", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            flood(pool, 8, stop, new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'overload' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'overload' }.data.degraded", equalTo(true)));
            asAdmin().get("/api/v1/concurrency").then().statusCode(200)
                    .body("degraded.active", equalTo(true)).body("degraded.since", notNullValue());
            given().get("/q/metrics").then().body(containsString("crowdpulse_degraded 1.0"));
            // The long-range history (PostgreSQL rollups) is shed at once; recent history and probes are not.
            asAdmin().get("/api/v1/concurrent-users/peak?from=7d").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", endsWith("/degraded"));
            asAdmin().get("/api/v1/concurrent-users/peak?from=1h").then().statusCode(200)
                    .body("source", equalTo("samples"));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            // The live stream slows down from one update a second to one every 5 s.
            assertStreamSendsAtMost(3, Duration.ofSeconds(6));
        } finally {
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        setKnob("limiter.max-limit", 1000);
        setKnob("limiter.min-limit", 10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/well").then()
                .body("checks.find { it.name == 'overload' }.data.degraded", equalTo(false)));
        asAdmin().get("/api/v1/concurrent-users/peak?from=7d").then().statusCode(200);
    }

    /** Opens the live stream (as admin, never shed) and checks it sends at most {@code max} events in {@code window}. */
    private void assertStreamSendsAtMost(int max, Duration window) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/api/v1/concurrent-users/stream"))
                .header("Authorization", "Bearer " + TestKeys.ADMIN).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        AtomicInteger events = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed at the end of the window
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await().during(window).atMost(window.plusSeconds(2)).until(() -> events.get() <= max);
            assertTrue(events.get() >= 1, "the stream sent its latest event at once");
        } finally {
            response.body().close();
        }
    }

    @Test
    void shouldShowLimiterRateLimitDatabaseAndDegradedModeAndTuneThePool() {
        asViewer().get("/api/v1/concurrency").then().statusCode(200)
                .contentType("application/json")
                .body("timestamp", notNullValue())
                .body("limiter.enabled", equalTo(true))
                .body("limiter.algorithm", equalTo("gradient2"))
                .body("limiter.minLimit", equalTo(10))
                .body("limiter.maxLimit", equalTo(1000))
                .body("limiter.partitions.name", hasItems("ingest", "query", "admin"))
                .body("limiter.partitions.find { it.name == 'ingest' }.share", equalTo(0.5))
                .body("limiter.partitions.find { it.name == 'query' }.share", equalTo(0.3))
                .body("rateLimit.enabled", equalTo(true))
                .body("rateLimit.perClientRate", equalTo(100000.0))
                .body("workers", equalTo(List.of()))
                .body("database.max", equalTo(8))
                .body("database.active", notNullValue())
                .body("degraded.active", equalTo(false))
                .body("degraded.enterAfterSeconds", equalTo(1));
        asViewer().get("/api/v1/tuning").then().statusCode(200)
                .body("name", hasItems("limiter.min-limit", "limiter.max-limit", "limiter.ingest-share",
                        "limiter.query-share", "limiter.ingest-max-inflight", "limiter.query-max-inflight",
                        "ratelimit.per-client-rate", "ratelimit.per-client-burst",
                        "db.pool-max-size", "degraded.enter-after", "degraded.exit-after"));
        setKnob("db.pool-max-size", 12);
        setKnob("limiter.query-share", 0.25);
        asViewer().get("/api/v1/concurrency").then()
                .body("database.max", equalTo(12))
                .body("limiter.partitions.find { it.name == 'query' }.share", equalTo(0.25));
        setKnob("limiter.query-share", 0.3);
        asAdmin().body(Map.of("value", 1.5)).put("/api/v1/tuning/limiter.ingest-share").then().statusCode(400);
        asAdmin().body(Map.of("value", 0)).put("/api/v1/tuning/limiter.query-max-inflight").then().statusCode(400);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crowdpulse_limiter_inflight{partition=\"all\"}"))
                .body(containsString("crowdpulse_ratelimit_rejected_total"))
                .body(containsString("crowdpulse_db_pool_max 12.0"))
                .body(containsString("crowdpulse_db_pool_active"))
                .body(containsString("crowdpulse_db_pool_waiting"))
                .body(containsString("crowdpulse_degraded 0.0"));
    }

    @Test
    void shouldHoldQueriesAtTheirCeilingWhileIngestGoesOnUnshed() throws Exception {
        setKnob("limiter.query-max-inflight", 1);
        asViewer().get("/api/v1/concurrency").then()
                .body("limiter.partitions.find { it.name == 'query' }.maxInflight", equalTo(1))
                .body("limiter.partitions.find { it.name == 'ingest' }.maxInflight", equalTo(100000));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> queries = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> heartbeats = new ConcurrentHashMap<>();
        try {
            List<Future<?>> running = new ArrayList<>(flood(pool, 4, stop, heartbeats, new ConcurrentLinkedQueue<>()));
            for (int t = 0; t < 12; t++) {
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int status = send("GET", "/api/v1/concurrent-users", TestKeys.VIEWER, null).statusCode();
                        queries.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> queries.containsKey(503) && heartbeats.containsKey(202));
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            setKnob("limiter.query-max-inflight", 100_000);
        }
        assertTrue(queries.get(200).get() > 0, "some queries were admitted: " + queries);
        assertEquals(Set.of(202), heartbeats.keySet(), "no heartbeat was shed: " + heartbeats);
    }
}
