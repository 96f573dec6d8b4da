package io.crowdpulse.optimizer.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything an operator may set about the optimizer. Mode, evaluation interval, verification window,
 * rollback threshold, cooldown, budget and dry-run are also changeable at runtime
 * ({@code PUT /api/v1/optimizer/config}); a value changed there is stored and wins over the property.
 */
@ConfigMapping(prefix = "crowdpulse.optimizer")
public interface OptimizerConfig {

    /** {@code off} (nothing), {@code recommend} (store recommendations only) or {@code auto} (apply and verify). */
    @WithDefault("recommend")
    Mode mode();

    /** How often the strategies run against every target. */
    @WithDefault("10s")
    Duration evaluationInterval();

    /** How long after a change its effect is measured, and how much history before it is compared. */
    @WithDefault("60s")
    Duration verificationWindow();

    /** Relative degradation of the key figures (0.10 = 10 %) beyond which a change is rolled back. */
    @WithDefault("0.10")
    double rollbackThreshold();

    /** Least time between two changes of the same knob of the same target. */
    @WithDefault("5m")
    Duration cooldown();

    /** Most changes (over every target) applied in any hour. */
    @WithDefault("6")
    int budgetPerHour();

    /** When true, auto mode and manual applies record what they would change and change nothing. */
    @WithDefault("false")
    boolean dryRun();

    /**
     * Fewest samples of the key figures the window before a change must hold for auto mode to make it (so
     * its verification has something to compare with).
     */
    @WithDefault("5")
    int minSamples();

    /** Most replicas the Kubernetes actuator scales a Deployment to. */
    @WithDefault("10")
    int maxReplicas();

    /** How long an open recommendation that strategies no longer propose stays open before it expires. */
    @WithDefault("5m")
    Duration recommendationTtl();

    /** How long the acting replica's lease lasts without renewal; another takes over after it. */
    @WithDefault("5s")
    Duration leaseTtl();

    /** Prefix of the optimizer's Redis keys. */
    @WithDefault("co")
    String keyPrefix();

    /** Samples kept per series (one a second from the collector); bounds memory. */
    @WithDefault("900")
    int windowSamples();

    /** Longest age of a sample kept per series. */
    @WithDefault("15m")
    Duration windowAge();

    /** Most series held over every target; further new series are ignored. */
    @WithDefault("5000")
    int maxSeries();

    /** Recent anomalies and alert events kept per target as evidence. */
    @WithDefault("20")
    int evidencePerTarget();

    /** How long the knobs read from a target are reused before they are read again. */
    @WithDefault("3s")
    Duration knobCacheTtl();

    /** The services the optimizer tunes, by name (the name snapshots carry as {@code target}). */
    Map<String, Target> targets();

    /** The tuning API client and its fault tolerance. */
    Client client();

    /** The Kubernetes actuator. */
    Kubernetes kubernetes();

    /** One service the optimizer tunes. */
    interface Target {

        /** Base URL of its tuning API, e.g. {@code http://localhost:8081}. */
        String url();

        /** The API key sent to it (admin role there, to change knobs). */
        Optional<String> apiKey();

        /** Its Deployment, for the {@code k8s.replicas} knob. */
        Optional<String> deployment();

        /** The namespace of its Deployment; the optimizer's own when empty. */
        Optional<String> namespace();
    }

    /** How the tuning API of every target is called. */
    interface Client {

        /** Longest wait for one call. */
        @WithDefault("2s")
        Duration timeout();

        /** Retries of a call that failed for a transient reason (network, 5xx, timeout). */
        @WithDefault("2")
        int maxRetries();

        /** First pause before a retry; doubles with each retry. */
        @WithDefault("200ms")
        Duration retryDelay();

        /** Random variation of each retry pause. */
        @WithDefault("100ms")
        Duration retryJitter();

        /** Share of failures among the last {@code circuit-volume} calls that opens a target's circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** Calls the circuit breaker looks at. */
        @WithDefault("10")
        int circuitVolume();

        /** How long an open circuit stays open before a trial call. */
        @WithDefault("10s")
        Duration circuitDelay();

        /** Concurrent calls to one target. */
        @WithDefault("4")
        int bulkhead();
    }

    /** Scaling Deployments. */
    interface Kubernetes {

        /**
         * {@code auto} (only when running in a cluster: {@code KUBERNETES_SERVICE_HOST} set), {@code true} or
         * {@code false}.
         */
        @WithDefault("auto")
        String enabled();

        /** The namespace used when a target names none. */
        @WithDefault("default")
        String namespace();
    }
}
