package io.crowdpulse.metrics.series;

import static io.crowdpulse.metrics.support.Api.VIEWER_KEY;
import static io.crowdpulse.metrics.support.Api.asIngest;
import static io.crowdpulse.metrics.support.Api.asViewer;
import static io.crowdpulse.metrics.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class SeriesApiTest {

    @TestHTTPResource("/api/v1/metrics/stream")
    URL stream;

    private static void pushUntilSeen(String target, int rounds) {
        for (int i = 0; i < rounds; i++) {
            int value = i;
            asIngest().body(Map.of("samples", List.of(Map.of("metric", "gauge.depth", "target", target, "value", value))))
                    .post("/api/v1/metrics").then().statusCode(202);
            await().atMost(Duration.ofSeconds(5)).until(() -> points(target) > value);
        }
    }

    private static int points(String target) {
        return asViewer().queryParam("target", target).get("/api/v1/metrics/series").then().statusCode(200)
                .extract().jsonPath().getInt("total") == 0 ? 0
                        : asViewer().queryParam("target", target).queryParam("window", "15m")
                                .get("/api/v1/metrics/series/gauge.depth").then().extract().jsonPath()
                                .getList("[0].points").size();
    }

    @Test
    void shouldServeWindowStatisticsPointsAndExport() {
        String target = unique("app");
        pushUntilSeen(target, 3);
        asViewer().queryParam("target", target).get("/api/v1/metrics/series/gauge.depth").then().statusCode(200)
                .body("[0].windows.1m.count", equalTo(3))
                .body("[0].windows.1m.mean", equalTo(1.0))
                .body("[0].windows.1m.max", equalTo(2.0))
                .body("[0].windows.5m.median", equalTo(1.0))
                .body("[0].quality.received", equalTo(3))
                .body("[0].points.value", equalTo(List.of(0.0, 1.0, 2.0)));
        String csv = asViewer().queryParam("target", target).queryParam("format", "csv").queryParam("from", "15m")
                .get("/api/v1/metrics/export").then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("metric,target,labels,timestamp,value", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("gauge.depth," + target + ",,"));
        assertTrue(lines.get(3).endsWith(",2.0"));
        asViewer().queryParam("target", target).queryParam("format", "json")
                .get("/api/v1/metrics/export").then().statusCode(200)
                .body("series[0].points.size()", greaterThanOrEqualTo(3));
    }

    @Test
    void shouldStreamOnlyTheSeriesAClientAskedFor() throws Exception {
        String wanted = unique("wanted");
        String other = unique("other");
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stream + "?target=" + wanted))
                        .header("Authorization", "Bearer " + VIEWER_KEY).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        asIngest().body(Map.of("samples", List.of(
                Map.of("metric", "gauge.depth", "target", wanted, "value", 1),
                Map.of("metric", "gauge.depth", "target", other, "value", 2))))
                .post("/api/v1/metrics").then().statusCode(202);
        String event = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (event == null && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    event = line;
                }
            }
        }
        assertNotNull(event, "no snapshot streamed within 10 s");
        assertTrue(event.contains(wanted));
        assertTrue(!event.contains(other) && !event.contains("\"host\""), "stream was not filtered: " + event);
    }
}
