package io.crowdpulse.session.history;

import java.time.Instant;
import java.util.List;

/** What the peak, average and trend endpoints answer. {@code source} says what was read: samples or rollups. */
public final class HistoryViews {

    private HistoryViews() {
    }

    public record PeakView(Instant from, Instant to, String moduleId, Long peak, Instant at, String source,
            int samples) {
    }

    public record AverageView(Instant from, Instant to, String moduleId, Double average, String source, int samples) {
    }

    public record BucketView(Instant start, Instant end, long min, double avg, long max, int samples) {
    }

    public record TrendView(Instant from, Instant to, String moduleId, String step, String source, String direction,
            double slopePerHour, List<BucketView> buckets) {
    }
}
