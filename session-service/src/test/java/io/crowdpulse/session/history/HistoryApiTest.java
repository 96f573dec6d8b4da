package io.crowdpulse.session.history;

import static io.crowdpulse.session.support.Api.asViewer;
import static io.crowdpulse.session.support.Api.unique;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Peak, average and trend on known sequences of counts: per-second samples for recent ranges, per-minute
 * rollups for long ones. The sequences are written where the live sampler never writes (in the past).
 */
@QuarkusTest
@QuarkusTestResource(TestInfrastructure.class)
class HistoryApiTest {

    private static final long[] COUNTS = { 1, 3, 5, 5, 2, 0, 4, 4, 4, 6 };

    @Inject
    SampleStore samples;

    @Inject
    RollupRepository rollups;

    /** Writes COUNTS one per second from {@code base}, with the module's count being double. */
    private void writeKnownSequence(long base, String module) {
        for (int i = 0; i < COUNTS.length; i++) {
            samples.add(new Sample(base + i, COUNTS[i], COUNTS[i] + 1, COUNTS[i] + 1, 0, 0, 0,
                    Map.of(module, COUNTS[i] * 2))).await().atMost(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldComputePeakAverageAndTrendExactlyOnSamples() {
        // A second-aligned range in the past that no other test writes to.
        long base = Instant.now().minus(Duration.ofMinutes(20)).getEpochSecond() - new java.util.Random().nextInt(300);
        String module = unique("mod");
        writeKnownSequence(base, module);
        String from = Instant.ofEpochSecond(base).toString();
        String to = Instant.ofEpochSecond(base + 10).toString();

        asViewer().queryParam("from", from).queryParam("to", to).get("/api/v1/concurrent-users/peak")
                .then().statusCode(200)
                .body("peak", equalTo(6))
                .body("at", equalTo(Instant.ofEpochSecond(base + 9).toString()))
                .body("source", equalTo("samples"))
                .body("samples", equalTo(10));

        // Each sample holds one second: the time-weighted average is the plain mean here, 34 / 10.
        asViewer().queryParam("from", from).queryParam("to", to).get("/api/v1/concurrent-users/average")
                .then().statusCode(200)
                .body("average", closeTo(3.4, 1e-9))
                .body("samples", equalTo(10));

        asViewer().queryParam("from", from).queryParam("to", to).queryParam("step", "5s")
                .get("/api/v1/concurrent-users/trend")
                .then().statusCode(200)
                .body("step", equalTo("PT5S"))
                .body("buckets", hasSize(2))
                .body("buckets[0].min", equalTo(1))
                .body("buckets[0].max", equalTo(5))
                .body("buckets[0].avg", closeTo(3.2, 1e-9))
                .body("buckets[0].samples", equalTo(5))
                .body("buckets[1].min", equalTo(0))
                .body("buckets[1].max", equalTo(6))
                .body("buckets[1].avg", closeTo(3.6, 1e-9))
                .body("buckets[1].start", equalTo(Instant.ofEpochSecond(base + 5).toString()));

        asViewer().queryParam("from", from).queryParam("to", to).queryParam("module", module)
                .get("/api/v1/concurrent-users/peak")
                .then().statusCode(200).body("peak", equalTo(12)).body("moduleId", equalTo(module));
    }

    @Test
    void shouldWeightTheAverageByHowLongEachCountHeld() {
        long base = Instant.now().minus(Duration.ofMinutes(40)).getEpochSecond() - new java.util.Random().nextInt(300);
        String module = unique("mod");
        // 10 users for 1 s, then (after a 4 s gap) 0 users until the end of a 10 s range: 10 / 10 = 1.0
        samples.add(new Sample(base, 10, 10, 10, 0, 0, 0, Map.of(module, 10L))).await().indefinitely();
        samples.add(new Sample(base + 1, 0, 0, 0, 0, 0, 0, Map.of(module, 0L))).await().indefinitely();
        samples.add(new Sample(base + 5, 0, 0, 0, 0, 0, 0, Map.of(module, 0L))).await().indefinitely();
        asViewer().queryParam("from", Instant.ofEpochSecond(base).toString())
                .queryParam("to", Instant.ofEpochSecond(base + 10).toString())
                .queryParam("module", module)
                .get("/api/v1/concurrent-users/average")
                .then().statusCode(200).body("average", closeTo(1.0, 1e-9));
    }

    @Test
    void shouldReportARisingTrendWithItsSlope() {
        long base = Instant.now().minus(Duration.ofMinutes(60)).getEpochSecond() - new java.util.Random().nextInt(300);
        String module = unique("mod");
        for (int i = 0; i < 30; i++) {
            samples.add(new Sample(base + i, 100 + 10L * i, 0, 0, 0, 0, 0, Map.of(module, 100 + 10L * i)))
                    .await().indefinitely();
        }
        asViewer().queryParam("from", Instant.ofEpochSecond(base).toString())
                .queryParam("to", Instant.ofEpochSecond(base + 30).toString())
                .queryParam("step", "10s").queryParam("module", module)
                .get("/api/v1/concurrent-users/trend")
                .then().statusCode(200)
                .body("direction", equalTo("rising"))
                .body("slopePerHour", closeTo(36_000.0, 1e-6))
                .body("buckets", hasSize(3));
    }

    @Test
    void shouldReadPerMinuteRollupsForLongRanges() throws Exception {
        String module = unique("mod");
        Instant start = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<RollupRow> rows = new ArrayList<>();
        // 12 hours of minutes: min i, max 2i, average i + 0.5 over 60 covered seconds
        for (int i = 0; i < 720; i++) {
            rows.add(new RollupRow(RollupRow.MODULE, module, start.plusSeconds(60L * i), i, i + 0.5, 2L * i, 60, 60));
        }
        rollups.insert(rows);
        rollups.insert(rows.subList(0, 10)); // written twice, kept once

        String from = start.toString();
        String to = start.plus(Duration.ofHours(12)).toString();
        asViewer().queryParam("from", from).queryParam("to", to).queryParam("module", module)
                .get("/api/v1/concurrent-users/peak")
                .then().statusCode(200)
                .body("source", equalTo("rollups"))
                .body("peak", equalTo(1438))
                .body("at", equalTo(start.plusSeconds(60L * 719).toString()))
                .body("samples", equalTo(720 * 60));
        // mean of (i + 0.5) for i in 0..719 = 360
        asViewer().queryParam("from", from).queryParam("to", to).queryParam("module", module)
                .get("/api/v1/concurrent-users/average")
                .then().statusCode(200).body("average", closeTo(360.0, 1e-9)).body("source", equalTo("rollups"));
        asViewer().queryParam("from", from).queryParam("to", to).queryParam("module", module).queryParam("step", "1h")
                .get("/api/v1/concurrent-users/trend")
                .then().statusCode(200)
                .body("buckets", hasSize(12))
                .body("buckets[1].min", equalTo(60))
                .body("buckets[1].max", equalTo(238))
                .body("buckets[1].avg", closeTo(90.0, 1e-9))
                .body("direction", equalTo("rising"));
    }

    @Test
    void shouldRollCompleteMinutesUpWithTimeWeightedAverages() {
        long minute = 1_700_000_040L; // a minute boundary
        List<Sample> sequence = List.of(
                new Sample(minute, 10, 0, 0, 0, 0, 0, Map.of("tax", 4L)),
                new Sample(minute + 1, 20, 0, 0, 0, 0, 0, Map.of("tax", 6L, "hr", 1L)),
                new Sample(minute + 58, 30, 0, 0, 0, 0, 0, Map.of()));
        List<RollupRow> rows = RollupWriter.rollUp(minute, sequence);
        RollupRow all = rows.get(0);
        org.junit.jupiter.api.Assertions.assertEquals(RollupRow.ALL, all.scope());
        org.junit.jupiter.api.Assertions.assertEquals(10, all.min());
        org.junit.jupiter.api.Assertions.assertEquals(30, all.max());
        // 10 for 1 s, 20 held at most 5 s, 30 for the last 2 s: (10 + 100 + 60) / 8
        org.junit.jupiter.api.Assertions.assertEquals(170.0 / 8, all.avg(), 1e-9);
        org.junit.jupiter.api.Assertions.assertEquals(8, all.coveredSeconds());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("*", "hr", "tax"), rows.stream().map(RollupRow::scopeId).toList());
        RollupRow tax = rows.get(2);
        org.junit.jupiter.api.Assertions.assertEquals(0, tax.min());
        org.junit.jupiter.api.Assertions.assertEquals(6, tax.max());
    }
}
