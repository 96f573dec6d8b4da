package io.crowdpulse.optimizer.diagnosis;

import java.util.Map;

/**
 * A 0..100 score of how well a target performs (100 = no pressure anywhere), with the inputs it was
 * computed from and each component's share of the deductions.
 *
 * @param inputs     the measured figures used, by metric name
 * @param components each component's points (latency, errors, saturation, ...), summing to the score's
 *                   deductions from 100
 */
public record PerformanceScore(String target, double score, Map<String, Double> inputs,
        Map<String, Double> components) {
}
