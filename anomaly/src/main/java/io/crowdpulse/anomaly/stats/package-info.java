/**
 * Streaming statistics in bounded memory: exponentially weighted and running moments, order statistics of a sliding
 * window, least-squares trends, a decaying histogram, and {@link io.crowdpulse.anomaly.stats.WindowStats}, the
 * per-series time-window summary the metrics-collector serves.
 */
package io.crowdpulse.anomaly.stats;
