package io.crowdpulse.alerting.notify;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How alerts are grouped into notifications and how the outbox delivers them; receivers are in {@code crowdpulse.alerting.receivers}. */
@ConfigMapping(prefix = "crowdpulse.alerting.notifications")
public interface NotificationsConfig {

    /** How long the first notification of a new group waits to collect the group's other alerts. */
    @WithDefault("5s")
    Duration groupWait();

    /** How long a change to a group already notified waits, so a burst of changes is one notification. */
    @WithDefault("1m")
    Duration groupInterval();

    /** After how long a group still firing is notified again. */
    @WithDefault("4h")
    Duration repeatInterval();

    /** Labels whose values make a group ({@code alertname} is the rule); {@code ...} groups by every label. */
    @WithDefault("alertname,target")
    List<String> groupBy();

    /** Attempts of one delivery before it is dead-lettered. */
    @WithDefault("10")
    int maxAttempts();

    /** Delay between attempts. */
    Backoff backoff();

    /** Longest wait for a receiver to answer one delivery. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Share of failed posts among a receiver's last {@code circuit-volume} that opens its circuit. */
    @WithDefault("0.8")
    double circuitFailureRatio();

    /** Posts a receiver's circuit breaker looks at. */
    @WithDefault("10")
    int circuitVolume();

    /** How long a receiver's open circuit stays open before a trial post. */
    @WithDefault("30s")
    Duration circuitDelay();

    /** Concurrent posts to one receiver, so one slow receiver cannot take every worker. */
    @WithDefault("2")
    int bulkhead();

    /** A delivery claimed longer ago than this (its replica died mid-send) is claimed again; longer than send-timeout. */
    @WithDefault("2m")
    Duration claimTimeout();

    /** How often every replica looks for due groups and deliveries (enqueues also wake it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most groups flushed or deliveries claimed in one round. */
    @WithDefault("50")
    int batchSize();

    /** Deliveries sent at once by one replica. */
    @WithDefault("4")
    int workers();

    /** This service's address as receivers should link to it (externalURL and generatorURL of the payload). */
    @WithDefault("http://localhost:8083")
    String externalUrl();

    /**
     * How often alerts still firing are posted again to an Alertmanager receiver, which otherwise resolves them
     * after its resolve_timeout (Prometheus re-sends the same way).
     */
    @WithDefault("1m")
    Duration alertmanagerResendInterval();

    /** How long delivered and dead deliveries stay visible. */
    @WithDefault("30d")
    Duration retention();

    /** Exponential backoff with full jitter: attempt n waits a random time up to min(max, base * 2^(n-1)). */
    interface Backoff {

        @WithDefault("2s")
        Duration base();

        @WithDefault("10m")
        Duration max();
    }
}
