package io.crowdpulse.optimizer.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.optimizer.verify.WindowFigures;

class SeriesStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void shouldKeepOnlyOverallSeriesPerTargetAndBoundTheSeriesCount() {
        SeriesStore store = new SeriesStore(10, 60_000, 3);
        store.add(T0, List.of(new MetricSample("http.p99_ms", "a", Map.of(), 20),
                new MetricSample("http.p99_ms", "a", Map.of("route", "/x"), 900),
                new MetricSample("http.rps", "a", Map.of(), 50),
                new MetricSample("http.p99_ms", "b", Map.of(), 30),
                new MetricSample("http.rps", "b", Map.of(), 10)));
        assertEquals(3, store.seriesCount());
        assertEquals(20, store.figures("a", T0, T0).get("http.p99_ms").mean());
        assertEquals(2, store.figures("a", T0, T0).size());
        assertEquals(1, store.figures("b", T0, T0).size(), "the fourth series is beyond the bound");
        assertTrue(store.figures("nobody", T0, T0).isEmpty());
    }

    @Test
    void shouldReadLimiterTotalsPartitionsAndTheFullestLabelledQueue() {
        SeriesStore store = new SeriesStore(10, 60_000, 100);
        store.add(T0, List.of(new MetricSample("gauge.crowdpulse_limiter_limit", "a", Map.of("partition", "all"), 40),
                new MetricSample("gauge.crowdpulse_limiter_limit", "a", Map.of("partition", "ingest"), 20),
                new MetricSample("queue.crowdpulse-workers.size", "a", Map.of("worker", "anomaly-writer"), 7),
                new MetricSample("queue.crowdpulse-workers.size", "a", Map.of("worker", "outbox"), 300),
                new MetricSample("pool.crowdpulse-workers.usage", "a", Map.of("worker", "outbox"), 0.5)));
        var figures = store.figures("a", T0, T0);
        assertEquals(40, figures.get("gauge.crowdpulse_limiter_limit").latest());
        assertEquals(300, figures.get("queue.crowdpulse-workers.size").latest());
        assertEquals(0.5, figures.get("pool.crowdpulse-workers.usage").latest());
        assertEquals(20, figures.get("gauge.crowdpulse_limiter_limit.ingest").latest(), "a partition, kept apart");
        assertEquals(4, figures.size());
    }

    @Test
    void shouldReduceAWindowToItsKeyFiguresWithGoodThroughputPerUser() {
        SeriesStore store = new SeriesStore(100, 600_000, 100);
        for (int i = 0; i < 10; i++) {
            store.add(T0.plusSeconds(i), List.of(new MetricSample("http.p95_ms", "s", Map.of(), 10 + i),
                    new MetricSample("http.p99_ms", "s", Map.of(), 20 + i),
                    new MetricSample("http.error_rate", "s", Map.of(), 0.01),
                    new MetricSample("http.throttled_rate", "s", Map.of(), 0.09),
                    new MetricSample("http.rps", "s", Map.of(), 200),
                    new MetricSample("sessions.concurrent_users", "s", Map.of(), 100)));
        }
        WindowFigures w = KeyFigures.of(store.figures("s", T0, T0.plusSeconds(9)));
        assertEquals(14.5, w.p95Ms(), 1e-9);
        assertEquals(24.5, w.p99Ms(), 1e-9);
        assertEquals(0.01, w.errorRate(), 1e-9);
        assertEquals(1.8, w.throughputPerUser(), 1e-9, "errors and 429/503 answers are no throughput");
        assertEquals(10, w.samples());

        WindowFigures none = KeyFigures.of(store.figures("s", T0.plusSeconds(100), T0.plusSeconds(200)));
        assertTrue(Double.isNaN(none.p99Ms()));
        assertEquals(0, none.samples());
    }
}
