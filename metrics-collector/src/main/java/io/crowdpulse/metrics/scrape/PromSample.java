package io.crowdpulse.metrics.scrape;

import java.util.Map;
import java.util.Objects;

/**
 * One sample line of a Prometheus exposition: metric name, labels, value and optional timestamp.
 *
 * @param name            the sample's metric name as exposed, e.g. {@code http_server_requests_seconds_bucket}
 * @param labels          the labels, immutable, in the order they were exposed
 * @param value           the value; may be NaN or infinite
 * @param timestampMillis the exposed timestamp in milliseconds since the epoch, or {@code null} when absent
 */
public record PromSample(String name, Map<String, String> labels, double value, Long timestampMillis) {

    public PromSample {
        Objects.requireNonNull(name, "name");
        labels = Labels.copyOf(labels);
    }

    /** A sample without timestamp. */
    public PromSample(String name, Map<String, String> labels, double value) {
        this(name, labels, value, null);
    }
}
