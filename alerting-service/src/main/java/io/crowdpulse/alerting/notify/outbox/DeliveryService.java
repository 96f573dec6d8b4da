package io.crowdpulse.alerting.notify.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.notify.receivers.ReceiverRegistry;
import io.crowdpulse.alerting.notify.receivers.ReceiverRemoved;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;

/** Deliveries as operators see them: listed, read one by one, and a dead one sent again. */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final OutboxRepository outbox;
    private final ReceiverRegistry receivers;
    private final Clock clock;

    public DeliveryService(OutboxRepository outbox, ReceiverRegistry receivers, Clock clock) {
        this.outbox = outbox;
        this.receivers = receivers;
        this.clock = clock;
    }

    public Page<Delivery> find(Instant from, Instant to, DeliveryState state, String receiver, PageRequest page) {
        try {
            return outbox.find(from, to, state == null ? null : state.label(), receiver, page);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    public Optional<Delivery> find(UUID id) {
        try {
            return outbox.find(id);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    /** Puts a dead delivery back into the outbox with fresh attempts; returns it as it is now. */
    public Delivery retry(UUID id) {
        Delivery delivery = find(id).orElseThrow(() -> ProblemException.notFound("No delivery " + id));
        if (!DeliveryState.DEAD.label().equals(delivery.state())) {
            throw conflict("Only a dead delivery can be retried; this one is " + delivery.state());
        }
        if (receivers.find(delivery.receiver()).isEmpty()) {
            throw conflict("Receiver '" + delivery.receiver() + "' no longer exists");
        }
        try {
            if (!outbox.revive(id, clock.instant())) {
                throw conflict("The delivery changed meanwhile; read it again");
            }
            return outbox.find(id).orElseThrow(() -> ProblemException.notFound("No delivery " + id));
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    void onReceiverRemoved(@Observes ReceiverRemoved event) {
        try {
            outbox.abandon(event.name(), "receiver '" + event.name() + "' was deleted");
        } catch (SQLException e) {
            // Deliveries to an unknown receiver are dead-lettered when they are next claimed.
            LOG.warnf("Could not dead-letter the deliveries of removed receiver %s: %s", event.name(), e.getMessage());
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Deliveries are stored in PostgreSQL, which is unreachable now");
    }
}
