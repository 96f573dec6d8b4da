package io.crowdpulse.alerting.notify.receivers;

import java.time.Duration;
import java.util.Optional;

/** Why a receiver did not take a notification, and whether trying again can help. */
public class DeliveryException extends Exception {

    /** What the outbox does about it. */
    public enum Kind {
        /** The receiver failed or did not answer: try again after a backoff. */
        TRANSIENT,
        /** The receiver refused the notification itself (a 4xx): trying again cannot help. */
        PERMANENT,
        /** Not tried (circuit open or too many sends in flight to it): try again later, the attempt not counted. */
        NOT_TRIED
    }

    private final Kind kind;
    private final Duration notBefore;

    public DeliveryException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** {@code notBefore}: the earliest sensible next attempt, when the cause knows it (an open circuit). */
    public DeliveryException(Kind kind, String message, Duration notBefore) {
        super(message);
        this.kind = kind;
        this.notBefore = notBefore;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
