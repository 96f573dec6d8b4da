package io.crowdpulse.alerting.notify.grouping;

import java.time.Duration;

import io.crowdpulse.alerting.notify.NotificationsConfig;
import io.crowdpulse.alerting.notify.receivers.ReceiverType;

/** The group wait, group interval and repeat interval a receiver's groups follow. */
public record Timing(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /**
     * The configured timing; an Alertmanager receiver gets changes at once (it groups them itself) and
     * firing alerts again every resend interval, or it would resolve them after its resolve_timeout.
     */
    public static Timing of(ReceiverType type, NotificationsConfig config) {
        if (type == ReceiverType.ALERTMANAGER) {
            return new Timing(Duration.ZERO, Duration.ZERO, config.alertmanagerResendInterval());
        }
        return new Timing(config.groupWait(), config.groupInterval(), config.repeatInterval());
    }
}
