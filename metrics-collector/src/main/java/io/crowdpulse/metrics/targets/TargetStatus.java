package io.crowdpulse.metrics.targets;

import java.time.Instant;

/** How the last scrape of a target went, and which replica scraped it. */
public record TargetStatus(String name, boolean up, Instant lastScrape, double scrapeMillis, String error,
        String owner, Instant lastSuccess) {
}
