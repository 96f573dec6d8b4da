package io.crowdpulse.metrics.scrape;

import java.util.Map;
import java.util.Objects;

/**
 * A scraped gauge translated to a Crowdpulse metric name, e.g. {@code queue.worker-pool.size}.
 *
 * @param metric the Crowdpulse metric name
 * @param labels the labels of the source sample, immutable, in exposition order
 * @param value  the value, always finite
 */
public record MappedSample(String metric, Map<String, String> labels, double value) {

    public MappedSample {
        Objects.requireNonNull(metric, "metric");
        labels = Labels.copyOf(labels);
    }
}
