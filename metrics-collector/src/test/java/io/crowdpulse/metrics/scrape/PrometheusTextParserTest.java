package io.crowdpulse.metrics.scrape;

import static io.crowdpulse.metrics.scrape.TestExpositions.sample;
import static io.crowdpulse.metrics.scrape.TestExpositions.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextParserTest {

    /** The real /q/metrics output of the session-service after 5 viewer requests, a 404 and a 401. */
    @Nested
    class RealSessionServiceCapture {

        private final Exposition exposition = TestExpositions.parse("session-service.txt");

        @Test
        void shouldParseEverySampleLineWithoutInvalidLines() {
            assertEquals(386, exposition.samples().size());
            assertEquals(0, exposition.invalidLines());
            assertTrue(exposition.samples().stream().allMatch(s -> s.timestampMillis() == null));
        }

        @Test
        void shouldReadEveryTypeLine() {
            assertEquals(94, exposition.types().size());
            assertEquals(Exposition.HISTOGRAM, exposition.types().get("http_server_requests_seconds"));
            assertEquals(Exposition.SUMMARY, exposition.types().get("worker_pool_usage_seconds"));
            assertEquals(Exposition.GAUGE, exposition.types().get("crowdpulse_sessions_records_backlog"));
            assertEquals(Exposition.COUNTER, exposition.types().get("jvm_info"));
            assertEquals(Map.of(Exposition.COUNTER, 17L, Exposition.GAUGE, 62L, Exposition.HISTOGRAM, 1L,
                    Exposition.SUMMARY, 14L), countByType(exposition.types()));
        }

        @Test
        void shouldReadHistogramCountsWithLabelsInExpositionOrder() {
            PromSample ok = sample(exposition, "http_server_requests_seconds_count", Map.of(
                    "method", "GET", "outcome", "SUCCESS", "status", "200", "uri", "/api/v1/concurrent-users"));
            assertEquals(5.0, ok.value());
            assertEquals(List.of("method", "outcome", "status", "uri"), new ArrayList<>(ok.labels().keySet()));
            assertEquals(1.0, sample(exposition, "http_server_requests_seconds_count", Map.of(
                    "method", "GET", "outcome", "CLIENT_ERROR", "status", "404", "uri", "NOT_FOUND")).value());
            assertEquals(0.133942845, sample(exposition, "http_server_requests_seconds_sum", Map.of(
                    "method", "GET", "outcome", "SUCCESS", "status", "200", "uri", "/api/v1/concurrent-users")).value());
        }

        @Test
        void shouldReadHistogramBucketsUpToInfinity() {
            List<PromSample> buckets = samples(exposition, "http_server_requests_seconds_bucket");
            assertEquals(207, buckets.size());
            assertEquals(3, buckets.stream().filter(b -> b.labels().get("le").equals("+Inf")).count());
            assertEquals(1.0, sample(exposition, "http_server_requests_seconds_bucket", Map.of("method", "GET",
                    "outcome", "CLIENT_ERROR", "status", "401", "uri", "/api/v1/concurrent-users", "le", "0.005592405"))
                    .value());
            assertEquals(0.0, sample(exposition, "http_server_requests_seconds_bucket", Map.of("method", "GET",
                    "outcome", "CLIENT_ERROR", "status", "401", "uri", "/api/v1/concurrent-users", "le", "0.004194304"))
                    .value());
        }

        @Test
        void shouldReadGaugesNaNAndExponentValues() {
            assertEquals(0.0, sample(exposition, "crowdpulse_sessions_records_backlog").value());
            assertEquals(0.03125, sample(exposition, "redis_pool_ratio",
                    Map.of("pool_name", "<default>", "pool_type", "redis")).value());
            assertTrue(Double.isNaN(sample(exposition, "worker_pool_ratio",
                    Map.of("pool_name", "vert.x-internal-blocking", "pool_type", "worker")).value()));
            assertEquals(1.795334420671E9, sample(exposition, "process_start_time_seconds").value());
            assertEquals(-1.0, sample(exposition, "jvm_memory_max_bytes",
                    Map.of("area", "heap", "id", "G1 Eden Space")).value());
            assertEquals(1.22912768E8, sample(exposition, "jvm_memory_max_bytes",
                    Map.of("area", "nonheap", "id", "CodeHeap 'profiled nmethods'")).value());
        }

        @Test
        void shouldResolveTheFamilyTypeOfSuffixedSamples() {
            assertEquals(Exposition.COUNTER, exposition.typeOf("jvm_info_total"));
            assertEquals(Exposition.HISTOGRAM, exposition.typeOf("http_server_requests_seconds_bucket"));
            assertEquals(Exposition.HISTOGRAM, exposition.typeOf("http_server_requests_seconds_count"));
            assertEquals(Exposition.SUMMARY, exposition.typeOf("worker_pool_usage_seconds_sum"));
            assertEquals(Exposition.GAUGE, exposition.typeOf("http_server_requests_seconds_max"));
            assertEquals(Exposition.UNTYPED, exposition.typeOf("no_such_metric"));
        }

        @Test
        void shouldParseTheSameWithCrlfLineEnds() {
            Exposition crlf = PrometheusTextParser.parse(TestExpositions.text("session-service.txt").replace("\n", "\r\n"));
            assertEquals(exposition, crlf);
        }
    }

    /** The hand-written expositions/edge-cases.txt. */
    @Nested
    class EdgeCases {

        private final Exposition exposition = TestExpositions.parse("edge-cases.txt");

        @Test
        void shouldKeepEveryValidLineAndCountEveryMalformedOne() {
            assertEquals(36, exposition.samples().size());
            assertEquals(12, exposition.invalidLines());
            assertEquals(1.0, sample(exposition, "edge_after_malformed").value());
        }

        @Test
        void shouldReadTimestampsIncludingNegativeAndLargest() {
            PromSample ok = sample(exposition, "edge_requests_total", Map.of("method", "post", "code", "200"));
            assertEquals(1027.0, ok.value());
            assertEquals(1395066363000L, ok.timestampMillis());
            assertEquals(3.0, sample(exposition, "edge_requests_total", Map.of("method", "post", "code", "400")).value());
            PromSample weird = sample(exposition, "edge_weird", Map.of("problem", "division by zero"));
            assertEquals(Double.POSITIVE_INFINITY, weird.value());
            assertEquals(-3982045L, weird.timestampMillis());
            assertEquals(Long.MAX_VALUE, sample(exposition, "edge_max_timestamp").timestampMillis());
            assertNull(sample(exposition, "edge_minimal").timestampMillis());
            assertEquals(12.47, sample(exposition, "edge_minimal").value());
        }

        @Test
        void shouldUnescapeLabelValues() {
            PromSample msdos = samples(exposition, "edge_msdos_file_access_time_seconds").get(0);
            assertEquals("C:\\DIR\\FILE.TXT", msdos.labels().get("path"));
            assertEquals("Cannot find file:\n\"FILE.TXT\"", msdos.labels().get("error"));
            assertEquals(1.458255915e9, msdos.value());
        }

        @Test
        void shouldKeepSeparatorsInsideQuotedValuesAndAcceptATrailingComma() {
            PromSample tricky = sample(exposition, "edge_tricky",
                    Map.of("a", "x,y", "b", "}{", "c", "k=v", "d", "# not a comment"));
            assertEquals(42.0, tricky.value());
            assertEquals(List.of("a", "b", "c", "d"), new ArrayList<>(tricky.labels().keySet()));
        }

        @Test
        void shouldAcceptEmptyLabelSetsBlanksTabsAndExemplars() {
            assertEquals(-7.0, sample(exposition, "edge_empty_set").value());
            assertEquals(3.5, sample(exposition, "edge_spaced", Map.of("a", "1", "b", "2")).value());
            assertEquals(8.0, sample(exposition, "edge_leading_tab").value());
            assertEquals(9.0, sample(exposition, "edge_no_blank_after_labels", Map.of("a", "1")).value());
            PromSample exemplar = sample(exposition, "edge_exemplar_ignored", Map.of("a", "1"));
            assertEquals(5.0, exemplar.value());
            assertNull(exemplar.timestampMillis());
        }

        @Test
        void shouldReadSpecialAndExponentValues() {
            assertTrue(Double.isNaN(special("nan")));
            assertEquals(Double.POSITIVE_INFINITY, special("pinf"));
            assertEquals(Double.NEGATIVE_INFINITY, special("ninf"));
            assertEquals(1.5e-3, special("exp"));
            assertEquals(-2.5e10, special("bigexp"));
            assertEquals(17.0, special("int"));
            assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(special("neg0")));
            assertEquals(0.5, special("frac"));
            assertEquals(0.1234567890123456789, special("long"));
        }

        @Test
        void shouldReadHistogramAndSummaryFamilies() {
            assertEquals(Exposition.HISTOGRAM, exposition.types().get("edge_request_duration_seconds"));
            assertEquals(Exposition.SUMMARY, exposition.types().get("edge_rpc_duration_seconds"));
            assertEquals(List.of("0.05", "0.1", "0.2", "0.5", "1", "+Inf"),
                    samples(exposition, "edge_request_duration_seconds_bucket").stream()
                            .map(s -> s.labels().get("le")).toList());
            assertEquals(144320.0, sample(exposition, "edge_request_duration_seconds_bucket", Map.of("le", "+Inf")).value());
            assertEquals(53423.0, sample(exposition, "edge_request_duration_seconds_sum").value());
            assertEquals(4773.0, sample(exposition, "edge_rpc_duration_seconds", Map.of("quantile", "0.5")).value());
            assertEquals(1.7560473e7, sample(exposition, "edge_rpc_duration_seconds_sum").value());
            assertEquals(Exposition.SUMMARY, exposition.typeOf("edge_rpc_duration_seconds_count"));
        }

        @Test
        void shouldTreatFamiliesWithoutTypeAsUntypedAndKeepTheFirstTypeLine() {
            assertEquals(0.25, sample(exposition, "job:edge_untyped:rate5m", Map.of("job", "api")).value());
            assertEquals(Exposition.UNTYPED, exposition.typeOf("job:edge_untyped:rate5m"));
            assertEquals(Exposition.GAUGE, exposition.types().get("edge_special"));
            assertEquals(Exposition.COUNTER, exposition.types().get("edge_requests_total"));
            assertTrue(!exposition.types().containsKey("edge_unknown_type"));
            assertEquals(4, exposition.types().size());
        }

        private double special(String v) {
            return sample(exposition, "edge_special", Map.of("v", v)).value();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m{a=\"1\"} abc",
        "m{a=\"\\q\"} 1",
        "m{a=\"1} 1",
        "m{a=\"1\" 1",
        "m{a=\"1\"",
        "m{a=\"1\\",
        "m{a=1} 1",
        "m{a=\"1\",a=\"2\"} 1",
        "m{a=\"1\",,b=\"2\"} 1",
        "m{,} 1",
        "m{1a=\"x\"} 1",
        "m{a-b=\"x\"} 1",
        "m",
        "m{}",
        "9m 1",
        "m-x 1",
        "m 1 1.5",
        "m 1 9223372036854775808",
        "m 1 -9223372036854775809",
        "m 1 2 3",
        "m 1 x",
        "m 1d",
        "m 0x1p3",
        "m Infinityx",
        "m +NaN",
        "m 1.2.3",
        "m 1e",
        "m .",
        "m -",
        "# TYPE m flux",
        "# TYPE m",
        "# TYPE m{} gauge",
        "# TYPE m gauge extra",
    })
    void shouldSkipAndCountAMalformedLineWithoutLosingItsNeighbours(String malformed) {
        Exposition e = PrometheusTextParser.parse("before 1\n" + malformed + "\nafter 2\n");
        assertEquals(1, e.invalidLines(), malformed);
        assertEquals(List.of("before", "after"), e.samples().stream().map(PromSample::name).toList(), malformed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n", "   \n\t\n", "# just a comment", "# HELP m some help", "#", "# TYPEx m gauge"})
    void shouldIgnoreBlankAndCommentLines(String text) {
        Exposition e = PrometheusTextParser.parse(text);
        assertEquals(Exposition.empty(), e);
    }

    @Test
    void shouldAcceptValueSpellingsPrometheusAccepts() {
        Exposition e = PrometheusTextParser.parse(String.join("\n",
                "a inf", "b -Infinity", "c nan", "d 1E3", "e +5", "f 5.", "g 123456789012345678901234567890",
                "h 9007199254740993", "i -1.5e-300", "j 0.000000000000000000000001"));
        assertEquals(0, e.invalidLines());
        List<Double> values = e.samples().stream().map(PromSample::value).toList();
        assertEquals(Double.POSITIVE_INFINITY, values.get(0));
        assertEquals(Double.NEGATIVE_INFINITY, values.get(1));
        assertTrue(Double.isNaN(values.get(2)));
        assertEquals(1000.0, values.get(3));
        assertEquals(5.0, values.get(4));
        assertEquals(5.0, values.get(5));
        assertEquals(1.2345678901234568E29, values.get(6));
        // Above 2^53, so not the fast path: must still round like Double.parseDouble.
        assertEquals(Double.parseDouble("9007199254740993"), values.get(7));
        assertEquals(-1.5e-300, values.get(8));
        assertEquals(1e-24, values.get(9));
    }

    @Test
    void shouldRoundDecimalsExactlyLikeDoubleParseDouble() {
        String[] values = {"0.1", "0.3", "2.675", "1.005", "123456.789", "0.000001", "9007199254740992",
            "4.35", "0.1234567890123456", "17.179869184", "0.005592405", "28.633115306"};
        StringBuilder text = new StringBuilder();
        for (String v : values) {
            text.append("m ").append(v).append('\n');
        }
        List<PromSample> parsed = PrometheusTextParser.parse(text.toString()).samples();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.parseDouble(values[i]), parsed.get(i).value(), values[i]);
        }
    }

    @Test
    void shouldReturnUnmodifiableInsertionOrderedLabelsEqualToAnyMap() {
        PromSample s = PrometheusTextParser.parse("m{z=\"1\",a=\"2\",m=\"3\"} 1").samples().get(0);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(s.labels().keySet()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "2");
        expected.put("m", "3");
        expected.put("z", "1");
        assertEquals(expected, s.labels());
        assertEquals(s.labels(), expected);
        assertEquals(expected.hashCode(), s.labels().hashCode());
        assertThrows(UnsupportedOperationException.class, () -> s.labels().put("b", "4"));
        assertThrows(UnsupportedOperationException.class, () -> s.labels().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> s.labels().clear());
    }

    @Test
    void shouldReturnUnmodifiableSamplesAndTypes() {
        Exposition e = PrometheusTextParser.parse("# TYPE m gauge\nm 1\n");
        assertThrows(UnsupportedOperationException.class, () -> e.samples().clear());
        assertThrows(UnsupportedOperationException.class, () -> e.types().clear());
    }

    @Test
    void shouldShareRepeatedNamesBetweenSamples() {
        Exposition e = PrometheusTextParser.parse("m{route=\"/a\"} 1\nm{route=\"/a\"} 2\n");
        PromSample first = e.samples().get(0);
        PromSample second = e.samples().get(1);
        assertSame(first.name(), second.name());
        assertSame(first.labels().get("route"), second.labels().get("route"));
    }

    @Test
    void shouldParseAVeryLongLineInLinearTime() {
        String huge = "x".repeat(2_000_000);
        String escaped = "\\\"".repeat(500_000);
        Exposition e = PrometheusTextParser.parse(
                "m{a=\"" + huge + "\"} 1\nn{a=\"" + escaped + "\"} 2\no{a=\"" + huge + " 3\n");
        assertEquals(2, e.samples().size());
        assertEquals(1, e.invalidLines());
        assertEquals(huge, e.samples().get(0).labels().get("a"));
        assertEquals("\"".repeat(500_000), e.samples().get(1).labels().get("a"));
    }

    @Test
    void shouldNeverThrowOnGarbage() {
        String garbage = "\u0000{{}}\"\\\n#\n{a=\"b\"} 1\n\\\n=\"\n} 1\n\uFFFF 2\nm{a=\"\u00e9\"} 3\n";
        Exposition e = PrometheusTextParser.parse(garbage);
        assertEquals(1, e.samples().size());
        assertEquals("\u00e9", e.samples().get(0).labels().get("a"));
        assertEquals(6, e.invalidLines());
    }

    private static Map<String, Long> countByType(Map<String, String> types) {
        Map<String, Long> counts = new LinkedHashMap<>();
        types.values().forEach(t -> counts.merge(t, 1L, Long::sum));
        return counts;
    }
}
