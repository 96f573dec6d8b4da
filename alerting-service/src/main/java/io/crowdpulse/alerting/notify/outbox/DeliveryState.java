package io.crowdpulse.alerting.notify.outbox;

import java.util.Locale;

/** Where a delivery is: waiting, being sent, done, waiting to be tried again, or given up on. */
public enum DeliveryState {
    PENDING,
    SENDING,
    DELIVERED,
    RETRYING,
    DEAD;

    public static final String PATTERN = "pending|sending|delivered|retrying|dead";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
