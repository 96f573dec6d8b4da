package io.crowdpulse.alerting.notify;

/** Names of the notification meters, in one place. */
public final class NotificationMetrics {

    /** Delivery attempts, tagged {@code type} (receiver type) and {@code outcome} (delivered, retrying, dead, deferred). */
    public static final String DELIVERIES = "crowdpulse.notifications.deliveries";
    /** Time a receiver took to accept one delivery, tagged {@code type}. */
    public static final String SEND = "crowdpulse.notifications.send";
    /** Notifications put into the outbox. */
    public static final String ENQUEUED = "crowdpulse.notifications.enqueued";

    private NotificationMetrics() {
    }
}
