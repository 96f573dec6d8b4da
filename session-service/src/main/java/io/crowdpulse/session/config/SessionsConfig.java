package io.crowdpulse.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything an operator may change about how session-service counts, expires and keeps history. */
@ConfigMapping(prefix = "crowdpulse.sessions")
public interface SessionsConfig {

    /** How long a heartbeat keeps its user counted as concurrent (tunable). */
    @WithDefault("60s")
    Duration activityWindow();

    /** How long a session may go without a heartbeat before it ends (tunable). */
    @WithDefault("120s")
    Duration sessionTtl();

    /** How often idle sessions are ended and stale activity trimmed (tunable). */
    @WithDefault("5s")
    Duration cleanupInterval();

    /** Number of Redis partitions users are spread over; fixed for the life of the data. */
    @WithDefault("16")
    int partitions();

    /** Prefix of every Redis key this service writes. */
    @WithDefault("cp")
    String keyPrefix();

    /** Largest batch {@code POST /api/v1/activity/batch} accepts. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * Most heartbeat writes to Redis in flight at once; heartbeats arriving meanwhile are coalesced into the
     * next write. Fewer means larger writes, cheaper for Redis per heartbeat; two keep Redis busy (one runs
     * while the next is on its way) and cost it 9 % less per single heartbeat than four (2026-12-01).
     */
    @WithDefault("2")
    int ingestWritesInFlight();

    /**
     * Most single heartbeats answered 202 before Redis holds them (they are written within milliseconds, and
     * retried until Redis takes them); past it, a heartbeat is answered once written. 0 answers every
     * heartbeat once written. Batches are always answered once written.
     */
    @WithDefault("10000")
    int ingestUnwrittenMax();

    /** How many organizations the per-second stats event carries (the busiest). */
    @WithDefault("50")
    int statsTopOrganizations();

    /** How long the instance that samples and publishes every second holds its lease without renewing it. */
    @WithDefault("5s")
    Duration leaseTtl();

    /** Session records and their trip to PostgreSQL. */
    Records records();

    /** Per-second samples and per-minute rollups. */
    History history();

    /** Session records and their writer. */
    interface Records {

        /** Most session records written to PostgreSQL in one statement (tunable). */
        @WithDefault("500")
        int batchSize();

        /** How often the writer drains ended sessions into PostgreSQL. */
        @WithDefault("1s")
        Duration flushInterval();

        /** Longest pause between retries while PostgreSQL fails. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** How long a record claimed by another instance may stay unwritten before this one takes it over. */
        @WithDefault("60s")
        Duration claimIdle();

        /** How long session records are kept; older monthly partitions are dropped. */
        @WithDefault("365d")
        Duration retention();
    }

    /** History of the counts. */
    interface History {

        /** How long per-second samples are kept in Redis. */
        @WithDefault("24h")
        Duration sampleRetention();

        /** Longest range answered from per-second samples; longer ranges read the per-minute rollups. */
        @WithDefault("6h")
        Duration sampleMaxRange();

        /** How long per-minute rollups are kept in PostgreSQL. */
        @WithDefault("365d")
        Duration rollupRetention();
    }
}
