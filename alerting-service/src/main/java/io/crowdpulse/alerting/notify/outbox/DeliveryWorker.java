package io.crowdpulse.alerting.notify.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.notify.NotificationMetrics;
import io.crowdpulse.alerting.notify.NotificationsConfig;
import io.crowdpulse.alerting.notify.payload.WebhookMessage;
import io.crowdpulse.alerting.notify.receivers.DeliveryException;
import io.crowdpulse.alerting.notify.receivers.DeliveryException.Kind;
import io.crowdpulse.alerting.notify.receivers.Receiver;
import io.crowdpulse.alerting.notify.receivers.ReceiverRegistry;
import io.crowdpulse.alerting.notify.receivers.Sender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Makes one attempt at one claimed delivery and records how it went: delivered, retrying after a
 * backoff, or dead after the last attempt (or at once when the receiver refuses it outright).
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final OutboxRepository outbox;
    private final ReceiverRegistry receivers;
    private final Sender sender;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Backoff backoff;
    private final int maxAttempts;

    public DeliveryWorker(OutboxRepository outbox, ReceiverRegistry receivers, Sender sender, ObjectMapper json,
            Clock clock, MeterRegistry meters, NotificationsConfig config) {
        this.outbox = outbox;
        this.receivers = receivers;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.backoff = new Backoff(config.backoff().base(), config.backoff().max());
        this.maxAttempts = config.maxAttempts();
    }

    /** Attempts the delivery; returns when it is due again if it will be retried. */
    public Optional<Instant> deliver(Claim claim) {
        try {
            Optional<Receiver> receiver = receivers.find(claim.receiver());
            if (receiver.isEmpty()) {
                record(claim, "none", "dead", outbox.dead(claim, "receiver '" + claim.receiver() + "' no longer exists"));
                return Optional.empty();
            }
            String type = receiver.get().type().label();
            WebhookMessage message = json.readValue(claim.payload(), WebhookMessage.class);
            Timer.Sample sample = Timer.start(meters);
            try {
                sender.send(receiver.get(), message);
                sample.stop(meters.timer(NotificationMetrics.SEND, "type", type));
                record(claim, type, "delivered", outbox.delivered(claim, clock.instant()));
                return Optional.empty();
            } catch (DeliveryException e) {
                return failed(claim, type, e);
            }
        } catch (SQLException e) {
            // The row stays 'sending' and is claimed again after the claim timeout.
            LOG.warnf("Could not record the outcome of delivery %s: %s", claim.id(), e.getMessage());
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return deadQuietly(claim, "payload is not a webhook message: " + e.getOriginalMessage());
        }
    }

    private Optional<Instant> failed(Claim claim, String type, DeliveryException e) throws SQLException {
        String error = "attempt " + claim.attempts() + ": " + e.getMessage();
        if (e.kind() == Kind.PERMANENT || (e.kind() == Kind.TRANSIENT && claim.attempts() >= maxAttempts)) {
            LOG.warnf("Delivery %s to %s is dead after %d attempt(s): %s", claim.id(), claim.receiver(), claim.attempts(),
                    e.getMessage());
            record(claim, type, "dead", outbox.dead(claim, error));
            return Optional.empty();
        }
        boolean counted = e.kind() == Kind.TRANSIENT;
        Duration wait = e.notBefore()
                // after an open circuit's delay, jittered so the waiting posts do not all return at once
                .map(d -> d.plus(backoff.after(1)))
                .orElseGet(() -> backoff.after(counted ? claim.attempts() : Math.max(1, claim.attempts() - 1)));
        Instant next = clock.instant().plus(wait);
        LOG.debugf("Delivery %s to %s failed, next attempt at %s: %s", claim.id(), claim.receiver(), next, e.getMessage());
        record(claim, type, counted ? "retrying" : "deferred", outbox.retryLater(claim, error, next, counted));
        return Optional.of(next);
    }

    private Optional<Instant> deadQuietly(Claim claim, String error) {
        try {
            outbox.dead(claim, error);
        } catch (SQLException e) {
            LOG.warnf("Could not dead-letter delivery %s: %s", claim.id(), e.getMessage());
        }
        return Optional.empty();
    }

    private void record(Claim claim, String type, String outcome, boolean stillClaimed) {
        if (!stillClaimed) {
            LOG.warnf("Delivery %s was claimed again by another replica before its outcome (%s) was recorded", claim.id(),
                    outcome);
        }
        meters.counter(NotificationMetrics.DELIVERIES, "type", type, "outcome", outcome).increment();
    }
}
