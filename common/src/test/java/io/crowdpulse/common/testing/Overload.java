package io.crowdpulse.common.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.RestAssured;

/**
 * Drives a service under test into degraded mode and out again: the limiter narrowed to one place through
 * the tuning API, a flood of viewer requests shed against it; with {@link FastDegradedMode} the service
 * enters degraded mode within about a second and leaves a second after the flood ends.
 */
public final class Overload implements AutoCloseable {

    /** Degraded mode that reacts within about a second, so a test can drive it in and out. */
    public static class FastDegradedMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "crowdpulse.degraded.tick", "100ms",
                    "crowdpulse.degraded.enter-after", "1s",
                    "crowdpulse.degraded.exit-after", "1s",
                    "crowdpulse.degraded.shed-ratio", "0");
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final AtomicBoolean stop = new AtomicBoolean();

    private Overload() {
    }

    /** Floods {@code path} (a cheap viewer GET) until the service says it is degraded. */
    public static Overload untilDegraded(String path) {
        setKnob("limiter.min-limit", 1);
        setKnob("limiter.max-limit", 1);
        Overload overload = new Overload();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("X-API-Key", TestKeys.VIEWER).build();
        for (int i = 0; i < 8; i++) {
            overload.pool.submit(() -> {
                while (!overload.stop.get()) {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> degraded(true));
        return overload;
    }

    /** Ends the flood, gives the limiter its defaults back and waits until degraded mode is over. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        setKnob("limiter.max-limit", 1000);
        setKnob("limiter.min-limit", 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> degraded(false));
    }

    private static boolean degraded(boolean expected) {
        return TestKeys.asAdmin().get("/api/v1/concurrency").then().statusCode(200).extract()
                .jsonPath().getBoolean("degraded.active") == expected;
    }

    private static void setKnob(String name, double value) {
        TestKeys.asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + name).then().statusCode(200);
    }
}
