package io.crowdpulse.metrics.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.events.MetricSample;

class TimingAggregatorTest {

    private static double value(List<MetricSample> samples, String metric, Map<String, String> labels) {
        return samples.stream().filter(s -> s.metric().equals(metric) && s.labels().equals(labels))
                .mapToDouble(MetricSample::value).findFirst().orElse(Double.NaN);
    }

    @Test
    void shouldTurnAnIntervalOfTimingsIntoRateErrorsAndPercentiles() {
        TimingAggregator aggregator = new TimingAggregator(10);
        for (int i = 1; i <= 200; i++) {
            aggregator.record("shop", Map.of("route", i % 2 == 0 ? "/a" : "/b"), i, i % 20 == 0 ? 500 : 200);
        }
        List<MetricSample> samples = aggregator.drain(2.0);
        assertEquals(100.0, value(samples, "http.rps", Map.of()), 1e-9);
        assertEquals(0.05, value(samples, "http.error_rate", Map.of()), 1e-9);
        assertEquals(0.10, value(samples, "http.error_rate", Map.of("route", "/a")), 1e-9);
        assertEquals(0.0, value(samples, "http.error_rate", Map.of("route", "/b")), 1e-9);
        assertEquals(198.0, value(samples, "http.p99_ms", Map.of()), 2.0);
        assertEquals(100.0, value(samples, "http.p50_ms", Map.of()), 1.0);
        // the next interval starts empty
        assertTrue(aggregator.drain(1.0).isEmpty());
    }

    @Test
    void shouldBoundLabelSetsPerTargetAndCountWhatItDrops() {
        TimingAggregator aggregator = new TimingAggregator(3);
        for (int i = 0; i < 10; i++) {
            aggregator.record("shop", Map.of("route", "/r" + i), 5, 200);
        }
        List<MetricSample> samples = aggregator.drain(1.0);
        assertEquals(4, samples.stream().filter(s -> s.metric().equals("http.rps")).count()); // overall + 3 routes
        assertEquals(7, aggregator.dropped());
        assertEquals(10.0, value(samples, "http.rps", Map.of()), 1e-9);
    }
}
