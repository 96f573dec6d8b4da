package io.crowdpulse.metrics.scrape;

import static io.crowdpulse.metrics.scrape.HttpHistogramDelta.DEFAULT_FAMILY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpHistogramDeltaTest {

    private static final double EPS = 1e-9;
    private static final String OK = "method=\"GET\",status=\"200\",uri=\"/api/v1/users\"";
    private static final String FAILED = "method=\"GET\",status=\"503\",uri=\"/api/v1/users\"";
    private static final String HEALTH = "method=\"GET\",status=\"200\",uri=\"/q/health/ready\"";

    /**
     * The worked example: between the scrapes the 200s add 15, 20, 20, 10, 5, 1 and the 503s 5, 10, 5, 5, 3, 1
     * requests to the buckets 0.005, 0.01, 0.025, 0.05, 0.1, +Inf: 20, 30, 25, 15, 8, 2 in all, cumulative
     * 20, 50, 75, 90, 98, 100.
     */
    private static final Exposition BEFORE = scrape()
            .series(OK, 5, 5, 5, 5, 5, 5)
            .series(FAILED, 1, 1, 1, 1, 1, 1)
            .parse();
    private static final Exposition AFTER = scrape()
            .series(OK, 20, 25, 25, 15, 10, 6)
            .series(FAILED, 6, 11, 6, 6, 4, 2)
            .parse();

    @Test
    void shouldDerivePercentilesFromTheSummedBucketDeltas() {
        HttpFigures figures = HttpHistogramDelta.derive(BEFORE, AFTER, 2.0);
        assertEquals(100, figures.requests());
        assertEquals(50.0, figures.rps(), EPS);
        // rank 50 reaches le=0.01 exactly
        assertEquals(10.0, figures.p50Ms(), EPS);
        // rank 95: 5 of the 8 requests in (0.05, 0.1] -> 0.05 + 0.05 * 5/8 s
        assertEquals(81.25, figures.p95Ms(), EPS);
        // rank 99 is above the 98 at le=0.1: the last finite bound
        assertEquals(100.0, figures.p99Ms(), EPS);
    }

    @Test
    void shouldCountOnly5xxAsErrors() {
        Exposition before = scrape()
                .series(OK, 10, 0, 0, 0, 0, 0)
                .series("status=\"404\",uri=\"/a\"", 10, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 10, 0, 0, 0, 0, 0)
                .series(FAILED, 10, 0, 0, 0, 0, 0)
                .parse();
        Exposition after = scrape()
                .series(OK, 70, 0, 0, 0, 0, 0)
                .series("status=\"404\",uri=\"/a\"", 20, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 15, 0, 0, 0, 0, 0)
                .series(FAILED, 25, 0, 0, 0, 0, 0)
                .parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(90, figures.requests());
        // 5 (500) + 15 (503) of 90; the 10 404s are not server errors
        assertEquals(20.0 / 90.0, figures.errorRate(), EPS);
        // all in the first bucket: rank 45 of 90 is half-way through (0, 0.005]
        assertEquals(2.5, figures.p50Ms(), EPS);
    }

    @Test
    void shouldCountOnly429And503AsThrottled() {
        Exposition before = scrape()
                .series(OK, 10, 0, 0, 0, 0, 0)
                .series("status=\"429\",uri=\"/a\"", 0, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 10, 0, 0, 0, 0, 0)
                .series(FAILED, 10, 0, 0, 0, 0, 0)
                .parse();
        Exposition after = scrape()
                .series(OK, 70, 0, 0, 0, 0, 0)
                .series("status=\"429\",uri=\"/a\"", 10, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 15, 0, 0, 0, 0, 0)
                .series(FAILED, 25, 0, 0, 0, 0, 0)
                .parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(90, figures.requests());
        // 10 (429) + 15 (503) of 90; the 500s are errors, not throttling
        assertEquals(25.0 / 90.0, figures.throttledRate(), EPS);
        assertEquals(20.0 / 90.0, figures.errorRate(), EPS);
        assertEquals(0.0, HttpHistogramDelta.derive(BEFORE, BEFORE, 1.0).throttledRate(), EPS);
    }

    @Test
    void shouldGiveTheWorkedErrorRate() {
        assertEquals(0.29, HttpHistogramDelta.derive(BEFORE, AFTER, 2.0).errorRate(), EPS);
    }

    @Test
    void shouldCountTheCurrentValuesOfALabelSetThatWasReset() {
        Exposition before = scrape()
                .series(OK, 500, 300, 100, 50, 40, 10)
                .series(FAILED, 1, 0, 0, 0, 0, 0)
                .parse();
        Exposition after = scrape()
                .series(OK, 2, 2, 0, 0, 0, 0)
                .series(FAILED, 1, 0, 0, 0, 0, 0)
                .parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(4, figures.requests());
        assertEquals(0.0, figures.errorRate());
        // cumulative 2, 4, 4, 4, 4, 4: rank 2 fills (0, 0.005]; rank 3.8 is 1.8 of 2 into (0.005, 0.01]
        assertEquals(5.0, figures.p50Ms(), EPS);
        assertEquals(9.5, figures.p95Ms(), EPS);
        assertEquals(9.9, figures.p99Ms(), EPS);
    }

    @Test
    void shouldTreatADecreasingBucketAsAResetEvenWhenTheCountGrew() {
        Exposition before = scrape().series(OK, 10, 0, 0, 0, 0, 0).parse();
        // Restarted and already served 12 slow requests: the count grew from 10 to 12, le=0.005 fell to 0.
        Exposition after = scrape().series(OK, 0, 0, 0, 0, 0, 12).parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(12, figures.requests());
        // all 12 above 0.1 s: the last finite bound
        assertEquals(100.0, figures.p50Ms(), EPS);
    }

    @Test
    void shouldCountANewLabelSetFromZero() {
        Exposition before = scrape().series(OK, 10, 0, 0, 0, 0, 0).parse();
        Exposition after = scrape()
                .series(OK, 10, 0, 0, 0, 0, 0)
                .series("status=\"200\",uri=\"/api/v1/new\"", 0, 0, 0, 4, 0, 0)
                .parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(4, figures.requests());
        // all 4 in (0.025, 0.05]: rank 2 is half-way
        assertEquals(37.5, figures.p50Ms(), EPS);
    }

    @Test
    void shouldIgnoreALabelSetThatDisappeared() {
        Exposition before = scrape().series(OK, 10, 0, 0, 0, 0, 0).series(FAILED, 10, 0, 0, 0, 0, 0).parse();
        Exposition after = scrape().series(OK, 12, 0, 0, 0, 0, 0).parse();
        HttpFigures figures = HttpHistogramDelta.derive(before, after, 1.0);
        assertEquals(2, figures.requests());
        assertEquals(0.0, figures.errorRate());
    }

    @Test
    void shouldLeaveOutQuarkusEndpoints() {
        Exposition before = scrape().series(OK, 5, 5, 5, 5, 5, 5).series(FAILED, 1, 1, 1, 1, 1, 1)
                .series(HEALTH, 0, 0, 0, 0, 0, 0).parse();
        Exposition after = scrape().series(OK, 20, 25, 25, 15, 10, 6).series(FAILED, 6, 11, 6, 6, 4, 2)
                .series(HEALTH, 0, 0, 0, 0, 0, 5000).parse();
        assertEquals(HttpHistogramDelta.derive(BEFORE, AFTER, 2.0), HttpHistogramDelta.derive(before, after, 2.0));
    }

    @Test
    void shouldReportNoRequestsAndNoPercentilesForAQuietInterval() {
        HttpFigures figures = HttpHistogramDelta.derive(AFTER, AFTER, 1.0);
        assertEquals(0, figures.requests());
        assertEquals(0.0, figures.rps());
        assertEquals(0.0, figures.errorRate());
        assertTrue(Double.isNaN(figures.p50Ms()));
        assertTrue(Double.isNaN(figures.p95Ms()));
        assertTrue(Double.isNaN(figures.p99Ms()));
    }

    @Test
    void shouldReportNoRequestsWhenTheFamilyIsMissing() {
        HttpFigures figures = HttpHistogramDelta.derive(Exposition.empty(), PrometheusTextParser.parse("up 1\n"), 1.0);
        assertEquals(new HttpFigures(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN), figures);
    }

    @Test
    void shouldTakeRequestsFromTheInfBucketWhenCountIsMissing() {
        String before = "h_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 2\n";
        String after = "h_bucket{le=\"0.1\"} 5\nh_bucket{le=\"+Inf\"} 10\n";
        HttpFigures figures = HttpHistogramDelta.derive(
                PrometheusTextParser.parse(before), PrometheusTextParser.parse(after), 4.0, "h");
        assertEquals(8, figures.requests());
        assertEquals(2.0, figures.rps(), EPS);
        // 4 of 8 in (0, 0.1], 4 above: rank 4 reaches le=0.1 exactly
        assertEquals(100.0, figures.p50Ms(), EPS);
    }

    @Test
    void shouldMergeLabelSetsWithDifferentBucketBounds() {
        String before = "h_bucket{r=\"a\",le=\"0.1\"} 0\nh_bucket{r=\"a\",le=\"+Inf\"} 0\nh_count{r=\"a\"} 0\n"
                + "h_bucket{r=\"b\",le=\"0.2\"} 0\nh_bucket{r=\"b\",le=\"+Inf\"} 0\nh_count{r=\"b\"} 0\n";
        String after = "h_bucket{r=\"a\",le=\"0.1\"} 10\nh_bucket{r=\"a\",le=\"+Inf\"} 10\nh_count{r=\"a\"} 10\n"
                + "h_bucket{r=\"b\",le=\"0.2\"} 10\nh_bucket{r=\"b\",le=\"+Inf\"} 10\nh_count{r=\"b\"} 10\n";
        HttpFigures figures = HttpHistogramDelta.derive(
                PrometheusTextParser.parse(before), PrometheusTextParser.parse(after), 1.0, "h");
        assertEquals(20, figures.requests());
        // union bounds 0.1, 0.2, +Inf with cumulative 10 (a only), 20, 20: rank 10 reaches le=0.1,
        // rank 19 is 9 of the 10 b requests into (0.1, 0.2]
        assertEquals(100.0, figures.p50Ms(), EPS);
        assertEquals(190.0, figures.p95Ms(), EPS);
    }

    @Test
    void shouldDeriveFiguresPerLabelValueBoundedToTheBusiest() {
        Exposition before = scrape()
                .series("status=\"200\",uri=\"/a\"", 0, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 0, 0, 0, 0, 0, 0)
                .series("status=\"200\",uri=\"/b\"", 0, 0, 0, 0, 0, 0)
                .series("status=\"200\",uri=\"/c\"", 0, 0, 0, 0, 0, 0)
                .parse();
        Exposition after = scrape()
                .series("status=\"200\",uri=\"/a\"", 10, 0, 0, 0, 0, 0)
                .series("status=\"500\",uri=\"/a\"", 0, 10, 0, 0, 0, 0)
                .series("status=\"200\",uri=\"/b\"", 0, 0, 0, 30, 0, 0)
                .series("status=\"200\",uri=\"/c\"", 5, 0, 0, 0, 0, 0)
                .series("status=\"200\",uri=\"/q/metrics\"", 90, 0, 0, 0, 0, 0)
                .parse();
        Map<String, HttpFigures> byUri = HttpHistogramDelta.deriveBy(before, after, 10.0, DEFAULT_FAMILY, "uri", 2);
        assertEquals(List.of("/b", "/a"), List.copyOf(byUri.keySet()));
        HttpFigures b = byUri.get("/b");
        assertEquals(30, b.requests());
        assertEquals(3.0, b.rps(), EPS);
        assertEquals(0.0, b.errorRate());
        assertEquals(37.5, b.p50Ms(), EPS);
        HttpFigures a = byUri.get("/a");
        assertEquals(20, a.requests());
        assertEquals(0.5, a.errorRate(), EPS);
        // cumulative 10, 20: rank 10 reaches le=0.005, rank 19 is 9 of 10 into (0.005, 0.01]
        assertEquals(5.0, a.p50Ms(), EPS);
        assertEquals(9.5, a.p95Ms(), EPS);
        assertEquals(3, HttpHistogramDelta.deriveBy(before, after, 10.0, DEFAULT_FAMILY, "uri", 10).size());
        assertEquals(Map.of(), HttpHistogramDelta.deriveBy(before, after, 10.0, DEFAULT_FAMILY, "uri", 0));
        assertEquals(Map.of(), HttpHistogramDelta.deriveBy(before, after, 10.0, DEFAULT_FAMILY, "route", 10));
    }

    @Test
    void shouldRejectAnIntervalThatIsNotPositiveAndFinite() {
        for (double interval : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> HttpHistogramDelta.derive(BEFORE, AFTER, interval));
        }
        assertThrows(IllegalArgumentException.class,
                () -> HttpHistogramDelta.deriveBy(BEFORE, AFTER, 1, DEFAULT_FAMILY, "uri", -1));
        assertThrows(NullPointerException.class, () -> HttpHistogramDelta.derive(null, AFTER, 1));
    }

    /** Two real consecutive scrapes of the session-service with 200 viewer requests and 20 unauthenticated ones between. */
    @Test
    void shouldCountExactlyTheRequestsSentBetweenTwoRealScrapes() {
        Exposition first = TestExpositions.parse("session-service-1.txt");
        Exposition second = TestExpositions.parse("session-service-2.txt");
        HttpFigures figures = HttpHistogramDelta.derive(first, second, 10.0);
        assertEquals(220, figures.requests());
        assertEquals(22.0, figures.rps(), EPS);
        assertEquals(0.0, figures.errorRate());
        // Worked by hand (a Python script) from the capture's bucket deltas summed over the three label sets:
        // rank 110 lies in (0.004194304, 0.005592405] holding 139 - 79 requests, and so on.
        assertEquals(4.284504064516129, figures.p50Ms(), EPS);
        assertEquals(22.369621, figures.p95Ms(), EPS);
        assertEquals(87.2415229, figures.p99Ms(), EPS);

        Map<String, HttpFigures> byStatus = HttpHistogramDelta.deriveBy(first, second, 10.0, DEFAULT_FAMILY, "status", 10);
        assertEquals(List.of("200", "401", "404"), List.copyOf(byStatus.keySet()));
        assertEquals(200, byStatus.get("200").requests());
        assertEquals(20, byStatus.get("401").requests());
        assertEquals(0, byStatus.get("404").requests());
        Map<String, HttpFigures> byUri = HttpHistogramDelta.deriveBy(first, second, 10.0, DEFAULT_FAMILY, "uri", 1);
        assertEquals(220, byUri.get("/api/v1/concurrent-users").requests());
        assertEquals(1, byUri.size());
    }

    private static Scrape scrape() {
        return new Scrape();
    }

    /** Builds the text of a {@value HttpHistogramDelta#DEFAULT_FAMILY} histogram from per-bucket counts. */
    private static final class Scrape {
        private static final String[] BOUNDS = {"0.005", "0.01", "0.025", "0.05", "0.1", "+Inf"};
        private final StringBuilder text = new StringBuilder("# TYPE http_server_requests_seconds histogram\n");

        /** Adds a label set with these observations per bucket (not cumulative). */
        Scrape series(String labels, long... perBucket) {
            long cumulative = 0;
            for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += perBucket[i];
                text.append(DEFAULT_FAMILY).append("_bucket{").append(labels).append(",le=\"").append(BOUNDS[i])
                        .append("\"} ").append(cumulative).append('\n');
            }
            text.append(DEFAULT_FAMILY).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
            text.append(DEFAULT_FAMILY).append("_sum{").append(labels).append("} 1.5\n");
            return this;
        }

        Exposition parse() {
            Exposition exposition = PrometheusTextParser.parse(text.toString());
            assertEquals(0, exposition.invalidLines());
            return exposition;
        }
    }
}
