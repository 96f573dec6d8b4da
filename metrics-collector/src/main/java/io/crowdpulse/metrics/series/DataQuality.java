package io.crowdpulse.metrics.series;

/** How trustworthy a series' data is (0–1), and why: staleness, gaps and invalid values among those received. */
public record DataQuality(double score, boolean stale, long gaps, long invalidValues, long received) {
}
