package io.crowdpulse.optimizer.actions;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an action is. {@code applying} is internal (the actuator is at work); the others are published.
 * A change is {@code applied} until its verification window ends, then {@code verified} or
 * {@code rolled_back}; {@code failed} when an actuator errored; {@code dry_run} records what would have
 * been changed.
 */
public enum ActionState {
    APPLYING, APPLIED, VERIFIED, ROLLED_BACK, FAILED, DRY_RUN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The states this one may move to. */
    public Set<ActionState> next() {
        return switch (this) {
            case APPLYING -> EnumSet.of(APPLIED, FAILED);
            case APPLIED -> EnumSet.of(VERIFIED, ROLLED_BACK, FAILED);
            case VERIFIED -> EnumSet.of(ROLLED_BACK, FAILED);
            case ROLLED_BACK, FAILED, DRY_RUN -> EnumSet.noneOf(ActionState.class);
        };
    }

    public boolean canMoveTo(ActionState target) {
        return next().contains(target);
    }

    /** Whether the change is in force on the target and may be rolled back. */
    public boolean rollbackable() {
        return this == APPLIED || this == VERIFIED;
    }

    /** Whether the target has this change in flight (one per target at a time). */
    public boolean pending() {
        return this == APPLYING || this == APPLIED;
    }
}
