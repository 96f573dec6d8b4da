package io.crowdpulse.optimizer.strategy;

/**
 * One concrete change a strategy proposes: set {@code knob} of {@code target} from {@code from} to
 * {@code to}. The knob {@link #REPLICAS} means the target's replica count (the Kubernetes actuator).
 *
 * @param expectedImpact expected relative improvement of the target's key figure (0.15 = 15 % better)
 * @param confidence     0..1, how sure the strategy is of that impact
 * @param priority       larger is more urgent; strategies are evaluated in priority order
 * @param rationale      one line with the figures that triggered it
 */
public record Proposal(String strategy, String target, String knob, double from, double to,
        double expectedImpact, double confidence, Risk risk, int priority, String rationale) {

    /** The pseudo-knob of a target's replica count. */
    public static final String REPLICAS = "k8s.replicas";
}
