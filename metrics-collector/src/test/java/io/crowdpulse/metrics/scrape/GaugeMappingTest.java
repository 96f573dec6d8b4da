package io.crowdpulse.metrics.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GaugeMappingTest {

    private static List<MappedSample> map(String text) {
        Exposition exposition = PrometheusTextParser.parse(text);
        assertEquals(0, exposition.invalidLines());
        return GaugeMapping.map(exposition, 1000);
    }

    @Test
    void shouldMapQueueSizeDepthAndBacklogGaugesToQueueMetrics() {
        List<MappedSample> mapped = map("""
                # TYPE worker_pool_queue_size gauge
                worker_pool_queue_size{pool_name="vert.x-worker-thread"} 3
                # TYPE ingest_queue_depth gauge
                ingest_queue_depth 7
                # TYPE crowdpulse_sessions_records_backlog gauge
                crowdpulse_sessions_records_backlog 12
                Kafka:Consumer_Lag__backlog{topic="t"} 40
                """);
        assertEquals(List.of(
                new MappedSample("queue.worker-pool.size", Map.of("pool_name", "vert.x-worker-thread"), 3),
                new MappedSample("queue.ingest.size", Map.of(), 7),
                new MappedSample("queue.crowdpulse-sessions-records.size", Map.of(), 12),
                new MappedSample("queue.kafka-consumer-lag.size", Map.of("topic", "t"), 40)), mapped);
    }

    @Test
    void shouldMapPoolUsageAndRatioGaugesToPoolUsage() {
        List<MappedSample> mapped = map("""
                # TYPE db_pool_usage gauge
                db_pool_usage{datasource="default"} 0.25
                # TYPE redis_pool_ratio gauge
                redis_pool_ratio{pool_name="<default>",pool_type="redis"} 0.03125
                """);
        assertEquals(List.of(
                new MappedSample("pool.db.usage", Map.of("datasource", "default"), 0.25),
                new MappedSample("pool.redis.usage", Map.of("pool_name", "<default>", "pool_type", "redis"), 0.03125)),
                mapped);
    }

    @Test
    void shouldDivideActiveByMaxOfTheSameLabelSet() {
        List<MappedSample> mapped = map("""
                # TYPE db_pool_max gauge
                db_pool_max{ds="a"} 20
                db_pool_max{ds="b"} 10
                # TYPE db_pool_active gauge
                db_pool_active{ds="a"} 5
                db_pool_active{ds="b"} 10
                db_pool_active{ds="c"} 3
                """);
        assertEquals(List.of(
                new MappedSample("pool.db.usage", Map.of("ds", "a"), 0.25),
                new MappedSample("pool.db.usage", Map.of("ds", "b"), 1.0),
                // no max for ds=c: a plain gauge
                new MappedSample("gauge.db_pool_active", Map.of("ds", "c"), 3)), mapped);
    }

    @Test
    void shouldUseSizeAsCapacityWhenThereIsNoMax() {
        List<MappedSample> mapped = map("""
                http_client_pool_active{host="x"} 3
                http_client_pool_size{host="x"} 12
                """);
        assertEquals(List.of(new MappedSample("pool.http-client.usage", Map.of("host", "x"), 0.25)), mapped);
    }

    @Test
    void shouldPreferMaxOverSizeAndKeepTheUnusedSizeAsAGauge() {
        List<MappedSample> mapped = map("""
                conn_pool_size{p="1"} 8
                conn_pool_active{p="1"} 2
                conn_pool_max{p="1"} 10
                """);
        assertEquals(List.of(
                new MappedSample("pool.conn.usage", Map.of("p", "1"), 0.2),
                new MappedSample("gauge.conn_pool_size", Map.of("p", "1"), 8)), mapped);
    }

    @Test
    void shouldNotPairWhenTheSamePoolAlreadyHasARatio() {
        List<MappedSample> mapped = map("""
                worker_pool_ratio{pool_name="w"} 0.5
                worker_pool_active{pool_name="w"} 4
                worker_pool_max{pool_name="w"} 8
                """);
        assertEquals(List.of(
                new MappedSample("pool.worker.usage", Map.of("pool_name", "w"), 0.5),
                new MappedSample("gauge.worker_pool_active", Map.of("pool_name", "w"), 4),
                new MappedSample("gauge.worker_pool_max", Map.of("pool_name", "w"), 8)), mapped);
    }

    @Test
    void shouldSkipAPairWithoutCapacity() {
        assertEquals(List.of(), map("""
                db_pool_active 0
                db_pool_max 0
                """));
    }

    @Test
    void shouldMapOtherGaugesAndUntypedSeriesUnderTheirOwnName() {
        List<MappedSample> mapped = map("""
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                job:requests:rate5m 4.5
                """);
        assertEquals(List.of(
                new MappedSample("gauge.jvm_memory_used_bytes", Map.of("area", "heap", "id", "G1 Eden Space"), 1.2e7),
                new MappedSample("gauge.job:requests:rate5m", Map.of(), 4.5)), mapped);
    }

    @Test
    void shouldIgnoreCountersHistogramsAndSummaries() {
        assertEquals(List.of(), map("""
                # TYPE requests counter
                requests_total 10
                # TYPE latency histogram
                latency_bucket{le="+Inf"} 3
                latency_count 3
                latency_sum 0.5
                # TYPE rpc summary
                rpc{quantile="0.5"} 0.1
                rpc_count 4
                rpc_sum 0.4
                # TYPE job_queue_size counter
                job_queue_size 4
                """));
    }

    @Test
    void shouldSkipNonFiniteValues() {
        assertEquals(List.of(), map("""
                a_queue_size NaN
                b_pool_ratio +Inf
                c -Inf
                """));
    }

    @Test
    void shouldBoundTheOutputKeepingQueueAndPoolMetricsFirst() {
        String text = """
                a 1
                b 2
                x_queue_size 3
                c 4
                y_pool_ratio 0.5
                """;
        List<String> metrics = GaugeMapping.map(PrometheusTextParser.parse(text), 3).stream()
                .map(MappedSample::metric).toList();
        assertEquals(List.of("queue.x.size", "pool.y.usage", "gauge.a"), metrics);
        assertEquals(List.of(), GaugeMapping.map(PrometheusTextParser.parse(text), 0));
        assertThrows(IllegalArgumentException.class, () -> GaugeMapping.map(PrometheusTextParser.parse(text), -1));
    }

    @Test
    void shouldSlugPoolAndQueueNames() {
        assertEquals("crowdpulse-sessions-records", GaugeMapping.slug("crowdpulse_sessions_records"));
        assertEquals("my-app-jobs", GaugeMapping.slug("__My::App__jobs_"));
        assertEquals("", GaugeMapping.slug("_:_"));
        // A name that is nothing but the suffix has no queue name left: a plain gauge.
        assertEquals(List.of(new MappedSample("gauge._queue_size", Map.of(), 1)), map("_queue_size 1\n"));
    }

    /** The real /q/metrics capture of the session-service. */
    @Test
    void shouldMapTheRealSessionServiceGauges() {
        Exposition exposition = TestExpositions.parse("session-service.txt");
        List<MappedSample> mapped = GaugeMapping.map(exposition, 1000);
        List<MappedSample> specific = mapped.stream().filter(m -> !m.metric().startsWith("gauge.")).toList();
        assertEquals(List.of(
                new MappedSample("queue.worker-pool.size",
                        Map.of("pool_name", "vert.x-internal-blocking", "pool_type", "worker"), 0),
                new MappedSample("queue.worker-pool.size",
                        Map.of("pool_name", "vert.x-worker-thread", "pool_type", "worker"), 0),
                new MappedSample("pool.redis.usage", Map.of("pool_name", "<default>", "pool_type", "redis"), 0.03125),
                new MappedSample("queue.crowdpulse-sessions-records.size", Map.of(), 0),
                // the internal-blocking pool's ratio is NaN and skipped
                new MappedSample("pool.worker.usage",
                        Map.of("pool_name", "vert.x-worker-thread", "pool_type", "worker"), 0.005),
                new MappedSample("queue.redis-pool.size", Map.of("pool_name", "<default>", "pool_type", "redis"), 0),
                new MappedSample("queue.redis.size", Map.of("clientName", "<default>", "clientType", "redis"), 0)),
                specific);
        // 126 gauge or untyped samples, one of them NaN; no pool has a _max, so the actives stay plain gauges.
        assertEquals(125, mapped.size());
        assertTrue(mapped.contains(new MappedSample("gauge.crowdpulse_sessions_concurrent_users", Map.of(), 0)));
        assertTrue(mapped.contains(new MappedSample("gauge.redis_pool_active",
                Map.of("pool_name", "<default>", "pool_type", "redis"), 1)));
        assertTrue(mapped.stream().noneMatch(m -> m.metric().equals("gauge.jvm_info_total")
                || m.metric().startsWith("gauge.http_server_requests_seconds_bucket")
                || m.metric().startsWith("gauge.worker_pool_usage_seconds_count")));
        assertEquals(10, GaugeMapping.map(exposition, 10).size());
        assertEquals(specific, GaugeMapping.map(exposition, 7));
    }

    @Test
    void shouldMapTheOverloadProtectionGaugesOfCommonToTheNamesTheOptimizerReads() {
        List<MappedSample> mapped = map("""
                # TYPE crowdpulse_limiter_limit gauge
                crowdpulse_limiter_limit{partition="all"} 120
                # TYPE crowdpulse_workers_queue_size gauge
                crowdpulse_workers_queue_size{worker="anomaly-writer"} 5
                # TYPE crowdpulse_workers_pool_active gauge
                crowdpulse_workers_pool_active{worker="anomaly-writer"} 1
                # TYPE crowdpulse_workers_pool_max gauge
                crowdpulse_workers_pool_max{worker="anomaly-writer"} 2
                # TYPE crowdpulse_db_pool_active gauge
                crowdpulse_db_pool_active 6
                # TYPE crowdpulse_db_pool_max gauge
                crowdpulse_db_pool_max 8
                # TYPE crowdpulse_db_pool_waiting gauge
                crowdpulse_db_pool_waiting 3
                # TYPE crowdpulse_degraded gauge
                crowdpulse_degraded 1
                """);
        assertEquals(List.of(
                new MappedSample("queue.crowdpulse-workers.size", Map.of("worker", "anomaly-writer"), 5),
                new MappedSample("pool.crowdpulse-workers.usage", Map.of("worker", "anomaly-writer"), 0.5),
                new MappedSample("pool.crowdpulse-db.usage", Map.of(), 0.75),
                new MappedSample("gauge.crowdpulse_limiter_limit", Map.of("partition", "all"), 120),
                new MappedSample("gauge.crowdpulse_db_pool_waiting", Map.of(), 3),
                new MappedSample("gauge.crowdpulse_degraded", Map.of(), 1)), mapped);
    }
}
