package io.crowdpulse.metrics.targets;

import java.net.URI;

/** A Prometheus endpoint to scrape, and whether it came from configuration (and so cannot be deleted). */
public record Target(String name, URI url, boolean configured) {
}
