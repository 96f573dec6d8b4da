package io.crowdpulse.session.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.session.support.Keys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.scheduler.Scheduled;

/**
 * Rolls every complete minute of samples up into PostgreSQL (min, time-weighted average, max; overall
 * and per module), on the replica holding the sampler lease. It remembers the last minute written in
 * Redis and catches up after an outage of PostgreSQL, as far back as the samples reach.
 */
@ApplicationScoped
public class RollupWriter {

    private static final Logger LOG = Logger.getLogger(RollupWriter.class);
    private static final int MAX_MINUTES_PER_RUN = 120;
    /** A minute is rolled up once the sampler has surely written its last second. */
    private static final long SETTLE_SECONDS = 5;
    /** A sample holds at most this long: a gap in sampling (a restart) is not read as a steady count. */
    static final long MAX_HOLD_SECONDS = 5;

    private final SampleStore samples;
    private final RollupRepository repository;
    private final StatsSampler sampler;
    private final ValueCommands<String, Long> values;
    private final Keys keys;
    private final Clock clock;

    public RollupWriter(SampleStore samples, RollupRepository repository, StatsSampler sampler, RedisDataSource redis,
            Keys keys, Clock clock) {
        this.samples = samples;
        this.repository = repository;
        this.sampler = sampler;
        this.values = redis.value(Long.class);
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            if (sampler.lease().holdOrTake()) {
                rollUpCompleteMinutes();
            }
        } catch (Exception e) {
            LOG.warnf("Rolling up minutes failed, will retry: %s", e.getMessage());
        }
    }

    /** Writes every complete minute not yet written; returns how many minutes were written. */
    public int rollUpCompleteMinutes() throws java.sql.SQLException {
        long nowSecond = clock.instant().getEpochSecond();
        long lastComplete = (nowSecond - SETTLE_SECONDS) / 60 * 60 - 60;
        Long last = values.get(keys.lastRollup());
        long next;
        if (last == null) {
            long oldest = samples.oldestSecond().await().atMost(Duration.ofSeconds(5)).orElse(lastComplete);
            next = oldest / 60 * 60;
        } else {
            next = last + 60;
        }
        int written = 0;
        while (next <= lastComplete && written < MAX_MINUTES_PER_RUN) {
            List<Sample> minute = samples.range(next, next + 59).await().atMost(Duration.ofSeconds(5));
            repository.insert(rollUp(next, minute));
            values.set(keys.lastRollup(), next);
            next += 60;
            written++;
        }
        return written;
    }

    static List<RollupRow> rollUp(long minuteStart, List<Sample> minute) {
        List<RollupRow> rows = new ArrayList<>();
        if (minute.isEmpty()) {
            return rows;
        }
        Set<String> modules = new TreeSet<>();
        minute.forEach(s -> modules.addAll(s.modules().keySet()));
        rows.add(row(RollupRow.ALL, RollupRow.ALL_ID, null, minuteStart, minute));
        for (String module : modules) {
            rows.add(row(RollupRow.MODULE, module, module, minuteStart, minute));
        }
        return rows;
    }

    private static RollupRow row(String scope, String scopeId, String module, long minuteStart, List<Sample> minute) {
        List<long[]> points = new ArrayList<>(minute.size());
        for (Sample s : minute) {
            points.add(new long[] { s.second(), s.users(module) });
        }
        CountAggregate total = CountSeries.ofSamples(points, minuteStart + 60, MAX_HOLD_SECONDS).total().orElseThrow();
        return new RollupRow(scope, scopeId, Instant.ofEpochSecond(minuteStart), total.min(), total.average(),
                total.max(), total.coveredSeconds(), total.samples());
    }
}
