package io.crowdpulse.session.records;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.session.config.SessionSettings;
import io.crowdpulse.session.config.SessionsConfig;
import io.crowdpulse.session.support.Keys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.scheduler.Scheduled;

/**
 * Drains the Redis streams of ended sessions into PostgreSQL in batches. Each replica reads through one
 * consumer group, so a record goes to one writer; it is acknowledged and deleted only after it is
 * committed. While PostgreSQL is down the records stay in Redis and the writer backs off exponentially
 * with jitter; a record left unacknowledged by a dead replica is claimed by another after {@code claim-idle}.
 */
@ApplicationScoped
public class SessionRecordWriter {

    static final String GROUP = "record-writer";
    private static final Logger LOG = Logger.getLogger(SessionRecordWriter.class);
    private static final int MAX_BATCHES_PER_PARTITION = 20;
    private static final Duration BASE_BACKOFF = Duration.ofMillis(500);

    private final StreamCommands<String, String, String> streams;
    private final SessionRecordRepository repository;
    private final SessionSettings settings;
    private final Keys keys;
    private final Clock clock;
    private final Duration maxBackoff;
    private final Duration claimIdle;
    private final String consumer = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();
    private final Set<Integer> groupsReady = ConcurrentHashMap.newKeySet();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter written;
    private volatile long nextAttemptMillis;
    private volatile int failures;

    public SessionRecordWriter(RedisDataSource redis, SessionRecordRepository repository, SessionSettings settings,
            Keys keys, Clock clock, SessionsConfig config, MeterRegistry meters) {
        this.streams = redis.stream(String.class);
        this.repository = repository;
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
        this.maxBackoff = config.records().maxBackoff();
        this.claimIdle = config.records().claimIdle();
        this.written = meters.counter("crowdpulse.sessions.records.written");
        meters.gauge("crowdpulse.sessions.records.backlog", backlog);
    }

    @Scheduled(every = "${crowdpulse.sessions.records.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        if (clock.millis() < nextAttemptMillis) {
            return;
        }
        try {
            drain();
            if (failures > 0) {
                LOG.infof("Session records are reaching PostgreSQL again after %d failed attempts", failures);
            }
            failures = 0;
        } catch (Exception e) {
            failures++;
            long backoff = backoffMillis(failures);
            nextAttemptMillis = clock.millis() + backoff;
            LOG.warnf("Writing session records failed (attempt %d), they stay in Redis; retry in %d ms: %s", failures,
                    backoff, e.getMessage());
        }
        updateBacklog();
    }

    /** Writes everything pending now; returns how many records were written. */
    public int drain() throws java.sql.SQLException {
        int total = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            total += drainPartition(p);
        }
        return total;
    }

    public long backlog() {
        return backlog.get();
    }

    private int drainPartition(int p) throws java.sql.SQLException {
        String stream = keys.endedSessions(p);
        ensureGroup(p, stream);
        int batch = settings.recordBatchSize();
        int total = 0;
        // First what this consumer was given but did not commit (a failed attempt), then what a dead
        // replica left behind, then new records.
        List<StreamMessage<String, String, String>> messages = streams.xreadgroup(GROUP, consumer, stream, "0",
                new XReadGroupArgs().count(batch));
        if (messages.isEmpty()) {
            messages = streams.xautoclaim(stream, GROUP, consumer, claimIdle, "0-0", batch).getMessages();
        }
        for (int i = 0; i < MAX_BATCHES_PER_PARTITION; i++) {
            if (messages.isEmpty()) {
                messages = streams.xreadgroup(GROUP, consumer, stream, ">", new XReadGroupArgs().count(batch));
            }
            if (messages.isEmpty()) {
                break;
            }
            write(stream, messages);
            total += messages.size();
            messages = List.of();
        }
        return total;
    }

    private void write(String stream, List<StreamMessage<String, String, String>> messages) throws java.sql.SQLException {
        List<SessionRecord> records = new ArrayList<>(messages.size());
        List<String> ids = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            ids.add(m.id());
            if (m.payload() != null && !m.payload().isEmpty()) {
                records.add(SessionRecord.fromStream(m.payload()));
            }
        }
        if (!records.isEmpty()) {
            repository.insert(records);
        }
        String[] idArray = ids.toArray(String[]::new);
        streams.xack(stream, GROUP, idArray);
        streams.xdel(stream, idArray);
        written.increment(records.size());
    }

    private void ensureGroup(int p, String stream) {
        if (groupsReady.contains(p)) {
            return;
        }
        try {
            // From the start of the stream: records written before the group existed are not skipped.
            streams.xgroupCreate(stream, GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupsReady.add(p);
    }

    private void updateBacklog() {
        try {
            long total = 0;
            for (int p = 0; p < keys.partitions(); p++) {
                total += streams.xlen(keys.endedSessions(p));
            }
            backlog.set(total);
        } catch (RuntimeException e) {
            LOG.debugf("Cannot read the record backlog: %s", e.getMessage());
        }
    }

    private long backoffMillis(int attempt) {
        long exponential = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(exponential, maxBackoff.toMillis());
        // Full jitter keeps replicas that failed together from retrying together.
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
