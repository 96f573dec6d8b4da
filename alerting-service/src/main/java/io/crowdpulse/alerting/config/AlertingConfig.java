package io.crowdpulse.alerting.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything an operator may change about how alerting-service evaluates rules. */
@ConfigMapping(prefix = "crowdpulse.alerting")
public interface AlertingConfig {

    /** The default rule set, shipped from configuration so the Helm chart sets its thresholds. */
    Defaults defaults();

    /** Evaluation. */
    Evaluation evaluation();

    /** How long alert history (state changes) is kept; older monthly partitions are dropped. */
    @WithDefault("365d")
    Duration historyRetention();

    /** The thresholds of the default rules. */
    interface Defaults {

        /** Whether the default rules are loaded at all. */
        @WithDefault("true")
        boolean enabled();

        /** p95 latency above which a target's latency alert is a warning (ms). */
        @WithDefault("500")
        double latencyP95WarningMs();

        /** p95 latency above which it is critical (ms). */
        @WithDefault("5000")
        double latencyP95CriticalMs();

        /** 5xx share of requests above which it is critical (0..1). */
        @WithDefault("0.05")
        double errorRateCritical();

        /** CPU share of the host above which it is a warning (0..1). */
        @WithDefault("0.8")
        double cpuWarning();

        /** Memory share of the host above which it is a warning (0..1). */
        @WithDefault("0.85")
        double memoryWarning();

        /** Queue length above which it is a warning. */
        @WithDefault("100")
        double queueSizeWarning();

        /** Throughput under which, while users are online, an info alert fires (requests per second). */
        @WithDefault("10")
        double throughputMinRps();

        /** Concurrent users above which an info alert says the planned capacity is reached. */
        @WithDefault("10000")
        double capacityUsers();

        /** How long a default rule's condition must hold before it fires. */
        @WithDefault("30s")
        Duration forDuration();

        /** How long a default rule keeps firing after its condition clears. */
        @WithDefault("1m")
        Duration keepFiringFor();
    }

    /** How and where rules are evaluated. */
    interface Evaluation {

        /** How many state changes within {@code flap-window} make an alert flapping. */
        @WithDefault("6")
        int flapThreshold();

        /** The window state changes are counted over for flapping. */
        @WithDefault("10m")
        Duration flapWindow();

        /** How long the evaluating replica's lease lasts without renewal; another takes over after it. */
        @WithDefault("5s")
        Duration leaseTtl();

        /** Prefix of the Redis keys of alerting-service. */
        @WithDefault("ca")
        String keyPrefix();
    }
}
