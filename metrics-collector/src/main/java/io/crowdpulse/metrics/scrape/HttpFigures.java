package io.crowdpulse.metrics.scrape;

/**
 * Request throughput, server error rate, throttled share and latency percentiles of one target over one scrape interval.
 *
 * @param requests  requests completed in the interval
 * @param rps       requests per second over the interval
 * @param errorRate share of those requests answered with a 5xx status, 0..1; 0 when there were none
 * @param throttledRate share of those requests turned away by overload protection (429 or 503), 0..1; 0
 *                  when there were none
 * @param p50Ms     median latency in milliseconds; NaN when there were no requests or no buckets
 * @param p95Ms     95th percentile latency in milliseconds; NaN when there were no requests or no buckets
 * @param p99Ms     99th percentile latency in milliseconds; NaN when there were no requests or no buckets
 */
public record HttpFigures(long requests, double rps, double errorRate, double throttledRate, double p50Ms, double p95Ms, double p99Ms) {
}
