package io.crowdpulse.alerting.notify;

import io.crowdpulse.alerting.alerts.Alert;

/**
 * Told about every alert after its change is stored: it decides whether and when receivers hear of it
 * (grouping, repeat interval, suppression) and delivers through the persistent outbox.
 */
public interface AlertNotifier {

    void alertChanged(Alert alert);
}
