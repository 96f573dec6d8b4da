package io.crowdpulse.optimizer.actions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether the optimizer may change a knob now: one change per target at a time, a cooldown per
 * knob of a target, and a budget of changes per hour over every target. Plain Java over the recent
 * changes (read from PostgreSQL, so a new leader keeps the same count).
 */
public final class ChangeGate {

    public static final Duration HOUR = Duration.ofHours(1);

    /** A recent change: failed ones count for the cooldown (do not hammer a failing knob), not the budget. */
    public record Change(String target, String knob, Instant at, ActionState state) {
    }

    /** Whether the change may go ahead, and if not, why. */
    public record Decision(boolean allowed, String reason) {

        static Decision allow() {
            return new Decision(true, "allowed");
        }

        static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    private final Clock clock;

    public ChangeGate(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public Decision check(String target, String knob, List<Change> recent, Duration cooldown, int budgetPerHour) {
        Instant now = clock.instant();
        int inLastHour = 0;
        for (Change c : recent) {
            if (c.target().equals(target) && c.state().pending()) {
                return Decision.deny(target + " has a change in flight");
            }
            if (c.target().equals(target) && c.knob().equals(knob) && c.at().plus(cooldown).isAfter(now)) {
                return Decision.deny(knob + " of " + target + " changed " + Duration.between(c.at(), now).toSeconds()
                        + " s ago; cooldown is " + cooldown.toSeconds() + " s");
            }
            if (c.state() != ActionState.FAILED && c.at().plus(HOUR).isAfter(now)) {
                inLastHour++;
            }
        }
        if (inLastHour >= budgetPerHour) {
            return Decision.deny("the budget of " + budgetPerHour + " changes per hour is spent");
        }
        return Decision.allow();
    }
}
