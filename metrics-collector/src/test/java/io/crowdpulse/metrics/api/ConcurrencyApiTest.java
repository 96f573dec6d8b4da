package io.crowdpulse.metrics.api;

import static io.crowdpulse.metrics.support.Api.asAdmin;
import static io.crowdpulse.metrics.support.Api.asViewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.crowdpulse.metrics.anomalies.AnomalyWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The collector's overload protection: its anomaly writer is a bounded background queue you can see and tune. */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class ConcurrencyApiTest {

    private static final String WORKER = "workers.find { it.name == '" + AnomalyWriter.WORKER + "' }";

    private static void setKnob(String name, double value) {
        asAdmin().body(Map.of("value", value)).put("/api/v1/tuning/" + name).then().statusCode(200);
    }

    @Test
    void shouldShowTheAnomalyWriterQueueAndApplyWorkerKnobsAtOnce() {
        asViewer().get("/api/v1/concurrency").then().statusCode(200)
                .body("limiter.algorithm", equalTo("gradient2"))
                .body(WORKER + ".queueCapacity", equalTo(10_000))
                .body(WORKER + ".poolSize", equalTo(2))
                .body(WORKER + ".queueSize", notNullValue())
                .body("database.max", notNullValue())
                .body("circuitBreakers", empty()) // no outbound client with circuit breakers here
                .body("degraded.active", equalTo(false));
        asViewer().get("/api/v1/tuning").then().statusCode(200)
                .body("name", hasItems("workers.pool-size", "workers.queue-capacity", "limiter.max-limit",
                        "ratelimit.per-client-rate", "db.pool-max-size"));
        try {
            setKnob("workers.pool-size", 3);
            setKnob("workers.queue-capacity", 50);
            asViewer().get("/api/v1/concurrency").then()
                    .body(WORKER + ".poolSize", equalTo(3))
                    .body(WORKER + ".queueCapacity", equalTo(50));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("crowdpulse_workers_pool_max{worker=\"anomaly-writer\"} 3.0"))
                    .body(containsString("crowdpulse_workers_queue_size{worker=\"anomaly-writer\"}"))
                    .body(containsString("crowdpulse_workers_pool_active{worker=\"anomaly-writer\"}"));
        } finally {
            setKnob("workers.pool-size", 2);
            setKnob("workers.queue-capacity", 10_000);
        }
    }
}
