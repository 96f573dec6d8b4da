/**
 * Streaming anomaly detection for Crowdpulse: the contracts ({@link io.crowdpulse.anomaly.Detector},
 * {@link io.crowdpulse.anomaly.Score}, {@link io.crowdpulse.anomaly.Severity}); the statistics in {@code stats}, the
 * detectors in {@code detector} (start at {@code Detectors.standard()}), the CSV entry point in {@code cli}.
 */
package io.crowdpulse.anomaly;
