package io.crowdpulse.alerting.alerts;

import java.util.Locale;

/** Where an alert is in its life: breaching but not for long enough, firing, or over. */
public enum AlertState {
    PENDING,
    FIRING,
    RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
