package io.crowdpulse.metrics.api;

import static io.crowdpulse.metrics.support.Api.asAdmin;
import static io.crowdpulse.metrics.support.Api.asIngest;
import static io.crowdpulse.metrics.support.Api.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Bad pushes, targets and queries get a 4xx problem+json naming what is wrong. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class BadInputTest {

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body(not(containsString("Exception")));
    }

    private static ValidatableResponse push(String body) {
        return asIngest().body(body).post("/api/v1/metrics").then();
    }

    @Test
    void shouldRejectMalformedSamples() {
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\"}]}"), 400)
                .body("errors[0].field", equalTo("samples[0].value"));
        problem(push("{\"samples\":[{\"metric\":\"Bad Metric\",\"target\":\"app\",\"value\":1}]}"), 400)
                .body("errors[0].field", equalTo("samples[0].metric"));
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"a/b\",\"value\":1}]}"), 400)
                .body("errors[0].field", equalTo("samples[0].target"));
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\",\"value\":\"high\"}]}"), 400);
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\",\"value\":1,\"unit\":\"ms\"}]}"), 400);
        problem(push("{\"samples\":"), 400).body("title", equalTo("Malformed JSON body"));
        problem(push("{}"), 400);
        problem(push("{\"timings\":[{\"target\":\"app\",\"durationMs\":-1,\"status\":200}]}"), 400)
                .body("errors[0].field", equalTo("timings[0].durationMs"));
        problem(push("{\"timings\":[{\"target\":\"app\",\"durationMs\":1,\"status\":42}]}"), 400)
                .body("errors[0].field", equalTo("timings[0].status"));
    }

    @Test
    void shouldRejectNaNAndInfiniteValues() {
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\",\"value\":NaN}]}"), 400);
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\",\"value\":\"NaN\"}]}"), 400);
        problem(push("{\"samples\":[{\"metric\":\"gauge.x\",\"target\":\"app\",\"value\":1e400}]}"), 400);
    }

    @Test
    void shouldRejectAnOversizedPushWith413() {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            samples.add(Map.of("metric", "gauge.x", "target", "app", "value", i));
        }
        problem(asIngest().body(Map.of("samples", samples)).post("/api/v1/metrics").then(), 413);
    }

    @Test
    void shouldAnswerUnknownTargetsAndSeriesWith404() {
        problem(asViewer().get("/api/v1/targets/no-such-target").then(), 404);
        problem(asAdmin().delete("/api/v1/targets/no-such-target").then(), 404);
        problem(asViewer().queryParam("target", "no-such-target").get("/api/v1/metrics/series/http.rps").then(), 404);
    }

    @Test
    void shouldRejectBadTargetsAndQueries() {
        problem(asAdmin().body(Map.of("name", "x y", "url", "http://127.0.0.1:1/metrics")).post("/api/v1/targets").then(), 400)
                .body("errors[0].field", equalTo("name"));
        problem(asAdmin().body(Map.of("name", "ftp-target", "url", "ftp://host/metrics")).post("/api/v1/targets").then(), 400)
                .body("errors[0].field", equalTo("url"));
        problem(asViewer().queryParam("format", "xml").get("/api/v1/metrics/export").then(), 400);
        problem(asViewer().queryParam("severity", "bad").get("/api/v1/anomalies").then(), 400);
        problem(asViewer().queryParam("from", "someday").get("/api/v1/anomalies").then(), 400);
        problem(asViewer().queryParam("window", "0s").get("/api/v1/metrics/series/http.rps").then(), 400);
        problem(asViewer().get("/api/v1/nothing").then(), 404);
    }
}
