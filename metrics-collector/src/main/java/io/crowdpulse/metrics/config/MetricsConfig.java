package io.crowdpulse.metrics.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything an operator may change about what metrics-collector collects, keeps and flags. */
@ConfigMapping(prefix = "crowdpulse.metrics")
public interface MetricsConfig {

    /** How often every source is collected and a snapshot published (tunable). */
    @WithDefault("1s")
    Duration interval();

    /** Longest wait for one target's scrape; a slower target is reported down for that round. */
    @WithDefault("800ms")
    Duration scrapeTimeout();

    /** Prometheus endpoints to scrape from the start, by target name (more over REST). */
    Map<String, String> targets();

    /** The name system metrics of this host are reported under; the host name when empty. */
    @WithDefault("host")
    String hostTarget();

    /** Sliding windows the statistics are kept over. */
    @WithDefault("1m,5m,15m")
    List<Duration> windows();

    /** Most series kept at once; samples of further series are dropped and counted. */
    @WithDefault("5000")
    int maxSeries();

    /** Most samples or timings in one push request. */
    @WithDefault("10000")
    int maxPushBatch();

    /** Most distinct label sets per target that pushed timings are aggregated by. */
    @WithDefault("200")
    int maxTimingLabelSets();

    /** Anomalies. */
    Anomalies anomalies();

    /** Scrape ownership between replicas. */
    Replicas replicas();

    /** Anomaly detection on every series. */
    interface Anomalies {

        /** Whether every series runs the detector. */
        @WithDefault("true")
        boolean enabled();

        /** Lowest score that is persisted and published (tunable). */
        @WithDefault("0.7")
        double minScore();

        /** How long anomalies are kept; older monthly partitions are dropped. */
        @WithDefault("90d")
        Duration retention();
    }

    /** How replicas share the scrape targets. */
    interface Replicas {

        /** How long a replica counts as alive after its last heartbeat in Redis. */
        @WithDefault("5s")
        Duration ttl();

        /** Prefix of the Redis keys of metrics-collector. */
        @WithDefault("cm")
        String keyPrefix();
    }
}
