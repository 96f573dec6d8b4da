package io.crowdpulse.alerting.notify.grouping;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.notify.NotificationMetrics;
import io.crowdpulse.alerting.notify.NotificationsConfig;
import io.crowdpulse.alerting.notify.grouping.Grouping.Batch;
import io.crowdpulse.alerting.notify.grouping.Grouping.Flush;
import io.crowdpulse.alerting.notify.outbox.NewDelivery;
import io.crowdpulse.alerting.notify.outbox.OutboxRepository;
import io.crowdpulse.alerting.notify.payload.WebhookMessage;
import io.crowdpulse.alerting.notify.receivers.Receiver;
import io.crowdpulse.alerting.notify.receivers.ReceiverRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Flushes due groups: claims them with {@code FOR UPDATE SKIP LOCKED} (a group is flushed by one
 * replica), decides what each notifies, and in the same transaction stores the group's new state and
 * enqueues the notification — so a notification is enqueued exactly when the group records it as sent.
 */
@ApplicationScoped
public class GroupFlusher {

    private final DataSource dataSource;
    private final GroupRepository groups;
    private final OutboxRepository outbox;
    private final ReceiverRegistry receivers;
    private final NotificationsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter enqueued;

    public GroupFlusher(DataSource dataSource, GroupRepository groups, OutboxRepository outbox, ReceiverRegistry receivers,
            NotificationsConfig config, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.groups = groups;
        this.outbox = outbox;
        this.receivers = receivers;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.enqueued = meters.counter(NotificationMetrics.ENQUEUED);
    }

    /** What one round of flushing did. */
    public record Result(int groups, int enqueued) {
    }

    public Result flushDue() throws SQLException {
        int count = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                List<GroupState> due = groups.claimDue(c, now, config.batchSize());
                for (GroupState group : due) {
                    Optional<Receiver> receiver = receivers.find(group.receiver());
                    if (receiver.isEmpty()) {
                        groups.delete(c, group.receiver(), group.groupKey());
                        continue;
                    }
                    Flush flush = Grouping.flush(group, Timing.of(receiver.get().type(), config), now,
                            receiver.get().sendResolved());
                    if (flush.batch().isPresent() && outbox.insert(c, delivery(group, flush.batch().get(), now), now)) {
                        count++;
                    }
                    if (flush.next().isEmpty()) {
                        groups.delete(c, group.receiver(), group.groupKey());
                    } else {
                        groups.update(c, flush.next(), now);
                    }
                }
                c.commit();
                enqueued.increment(count);
                return new Result(due.size(), count);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private NewDelivery delivery(GroupState group, Batch batch, Instant now) {
        WebhookMessage message = WebhookMessage.of(group.receiver(), group.groupKey(), group.groupLabels(),
                config.externalUrl(), batch.firing(), batch.resolved(), now);
        try {
            return new NewDelivery(UUID.randomUUID(), group.receiver(), group.groupKey(),
                    NewDelivery.dedupeKey(group.receiver(), group.groupId(), batch.sequence()), message.status(),
                    message.alerts().size(), json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook messages always serialize", e);
        }
    }
}
