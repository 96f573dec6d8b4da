package io.crowdpulse.alerting.evaluation;

import io.crowdpulse.alerting.alerts.Alert;

/**
 * An alert as it is after a change, and what kind of change it was: its state ({@code pending},
 * {@code firing}, {@code resolved}), an operator's acknowledgement, its suppression flags, or only its
 * latest value. State and acknowledgement changes are events; value refreshes are only stored.
 */
public record AlertChange(Alert alert, Kind kind, String actor, String note) {

    /** What changed. */
    public enum Kind {
        STATE,
        ACKNOWLEDGED,
        FLAGS,
        VALUE
    }

    /** Whether this change is published on {@code crowdpulse.alerts.events} and shown in the timeline. */
    public boolean isEvent() {
        return kind == Kind.STATE || kind == Kind.ACKNOWLEDGED;
    }
}
