package io.crowdpulse.alerting.notify.receivers;

/** Fired (synchronously) after a receiver was deleted, so its groups and open deliveries are let go. */
public record ReceiverRemoved(String name) {
}
