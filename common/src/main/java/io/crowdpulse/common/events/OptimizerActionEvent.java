package io.crowdpulse.common.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An optimizer action applied, verified, rolled back or failed, published on {@code crowdpulse.optimizer.actions}. */
@RegisterForReflection
public record OptimizerActionEvent(String type, int version, Instant timestamp, Action action) {

    /** The action as it is after the change; {@code state} is applied, verified, rolled_back or failed. */
    @RegisterForReflection
    public record Action(String id, String strategy, String target, String knob, double from, double to,
            String state, double expectedImpact, Double measuredImpact) {
    }

    public static OptimizerActionEvent of(Instant timestamp, Action action) {
        return new OptimizerActionEvent(EventTypes.OPTIMIZER_ACTION, EventTypes.VERSION, timestamp, action);
    }
}
