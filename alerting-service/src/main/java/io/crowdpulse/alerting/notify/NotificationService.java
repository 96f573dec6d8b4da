package io.crowdpulse.alerting.notify;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.crowdpulse.alerting.notify.grouping.GroupKey;
import io.crowdpulse.alerting.notify.grouping.GroupStore;
import io.crowdpulse.alerting.notify.grouping.Member;
import io.crowdpulse.alerting.notify.grouping.Timing;
import io.crowdpulse.alerting.notify.receivers.Receiver;
import io.crowdpulse.alerting.notify.receivers.ReceiverRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * Routes every stored alert change to the receivers that take it and records it in their groups in
 * PostgreSQL, where the dispatcher of some replica picks it up. A pending alert is nobody's news; a
 * held-back (silenced, inhibited, flapping) firing alert is recorded but not notified until it settles.
 * A change that cannot be recorded now (PostgreSQL unreachable) is kept and tried again.
 */
@ApplicationScoped
public class NotificationService implements AlertNotifier {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    /** The same news about an alert is recorded again at most this often (it also reaches receivers added since). */
    private static final long SEEN_MILLIS = 60_000;
    private static final int MAX_BACKLOG = 10_000;

    /** The last news recorded about a fingerprint, and when. */
    private record Seen(Member member, long at) {
    }

    private final ReceiverRegistry receivers;
    private final GroupStore groups;
    private final Dispatcher dispatcher;
    private final NotificationsConfig config;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, Alert> backlog = new ConcurrentHashMap<>();

    public NotificationService(ReceiverRegistry receivers, GroupStore groups, Dispatcher dispatcher,
            NotificationsConfig config, Clock clock) {
        this.receivers = receivers;
        this.groups = groups;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void alertChanged(Alert alert) {
        if (alert.state() == AlertState.PENDING) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            // Recording is JDBC; never on an event loop.
            Infrastructure.getDefaultWorkerPool().execute(() -> record(alert));
            return;
        }
        record(alert);
    }

    private void record(Alert alert) {
        Member member;
        try {
            member = Member.of(alert, config.externalUrl());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Alert %s cannot be notified: it lacks what a notification needs", alert.id());
            return;
        }
        Seen last = seen.get(alert.fingerprint());
        long now = clock.millis();
        if (last != null && member.sameNewsAs(last.member()) && now - last.at() < SEEN_MILLIS) {
            return;
        }
        try {
            for (Receiver receiver : receivers.all()) {
                if (receiver.accepts(alert.severity(), member.labels())) {
                    groups.admit(receiver.name(), GroupKey.of(config.groupBy(), member.labels()), member,
                            Timing.of(receiver.type(), config)).ifPresent(dispatcher::wakeAt);
                }
            }
            seen.put(alert.fingerprint(), new Seen(member, now));
            backlog.remove(alert.fingerprint(), alert);
        } catch (Exception e) {
            keep(alert);
            LOG.warnf("Could not record alert %s (%s) for notification, will retry: %s", alert.id(), alert.rule(),
                    e.getMessage());
        }
    }

    /** Keeps the newest change per fingerprint for another try. */
    private void keep(Alert alert) {
        if (backlog.size() >= MAX_BACKLOG && !backlog.containsKey(alert.fingerprint())) {
            LOG.errorf("Notification backlog full (%d alerts); dropping the change of alert %s", MAX_BACKLOG, alert.id());
            return;
        }
        backlog.merge(alert.fingerprint(), alert, (old, fresh) -> newer(fresh, old) ? fresh : old);
    }

    private static boolean newer(Alert a, Alert b) {
        return a.updatedAt() == null || b.updatedAt() == null || !a.updatedAt().isBefore(b.updatedAt());
    }

    @Scheduled(every = "${crowdpulse.alerting.notifications.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryBacklog() {
        List<Alert> pending = List.copyOf(backlog.values());
        pending.forEach(this::record);
        long cutoff = clock.millis() - 5 * SEEN_MILLIS;
        seen.values().removeIf(s -> s.at() < cutoff);
    }
}
