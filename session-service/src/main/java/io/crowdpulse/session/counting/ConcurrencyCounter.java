package io.crowdpulse.session.counting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.config.SessionSettings;
import io.crowdpulse.session.support.Keys;
import io.crowdpulse.session.support.Scripts;
import io.crowdpulse.session.support.Scripts.Call;
import io.crowdpulse.session.tracking.HeartbeatBatcher;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts distinct users now, overall, per module and per organization. A user lives in one partition,
 * so every count is the exact sum of the partitions' counts, read in one pipelined round trip. Each count
 * is read once the heartbeats this instance answered before it are written (see {@link HeartbeatBatcher}).
 */
@ApplicationScoped
public class ConcurrencyCounter {

    private final Keys keys;
    private final Scripts scripts;
    private final Redis redis;
    private final SessionSettings settings;
    private final Clock clock;
    private final HeartbeatBatcher batcher;
    private final AtomicReference<CompletableFuture<Counts>> inFlight = new AtomicReference<>();

    public ConcurrencyCounter(Keys keys, Scripts scripts, ReactiveRedisDataSource redis, SessionSettings settings,
            Clock clock, HeartbeatBatcher batcher) {
        this.keys = keys;
        this.scripts = scripts;
        this.redis = redis.getRedis();
        this.settings = settings;
        this.clock = clock;
        this.batcher = batcher;
    }

    /**
     * The counts now. Requests arriving while a count is being read share it instead of each sending its
     * own 16 scripts: under load Redis does one count per round trip, not one per request.
     */
    public Uni<Counts> now() {
        return batcher.afterWritten().chain(this::shared);
    }

    private Uni<Counts> shared() {
        while (true) {
            CompletableFuture<Counts> current = inFlight.get();
            if (current != null) {
                return Uni.createFrom().completionStage(current);
            }
            CompletableFuture<Counts> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                countNow().subscribe().with(counts -> {
                    inFlight.set(null);
                    mine.complete(counts);
                }, failure -> {
                    inFlight.set(null);
                    mine.completeExceptionally(failure);
                });
                return Uni.createFrom().completionStage(mine);
            }
        }
    }

    private Uni<Counts> countNow() {
        long now = clock.millis();
        long window = settings.activityWindowMillis();
        String since = Long.toString(now - window);
        String openSince = Long.toString(now - settings.sessionTtlMillis());
        List<Call> calls = new ArrayList<>(keys.partitions());
        for (int p = 0; p < keys.partitions(); p++) {
            calls.add(new Call(Scripts.COUNT, keys.routingKey(p), List.of(keys.partitionBase(p), since, openSince)));
        }
        return scripts.runAll(calls).map(responses -> {
            long users = 0;
            long sessions = 0;
            long open = 0;
            long started = 0;
            long ended = 0;
            long duration = 0;
            for (Response r : responses) {
                users += r.get(0).toLong();
                sessions += r.get(1).toLong();
                open += r.get(2).toLong();
                started += r.get(3).toLong();
                ended += r.get(4).toLong();
                duration += r.get(5).toLong();
            }
            return new Counts(Instant.ofEpochMilli(now), users, sessions, open, window / 1000, started, ended, duration);
        });
    }

    /** Users per module active in the window. */
    public Uni<Map<String, Long>> perModule() {
        return batcher.afterWritten().chain(() -> groups("modules"));
    }

    /** Users per organization active in the window. */
    public Uni<Map<String, Long>> perOrganization() {
        return batcher.afterWritten().chain(() -> groups("orgs"));
    }

    public Uni<Long> module(String moduleId) {
        return batcher.afterWritten().chain(() -> sumOfCounts(p -> keys.moduleUsers(p, moduleId)));
    }

    public Uni<Long> organization(String organizationId) {
        return batcher.afterWritten().chain(() -> sumOfCounts(p -> keys.organizationUsers(p, organizationId)));
    }

    /** In turn, partition after partition: each call counts hundreds of sets (see {@link Scripts#runInTurn}). */
    private Uni<Map<String, Long>> groups(String index) {
        String since = Long.toString(clock.millis() - settings.activityWindowMillis());
        List<Call> calls = new ArrayList<>(keys.partitions());
        for (int p = 0; p < keys.partitions(); p++) {
            calls.add(new Call(Scripts.COUNT_GROUPS, keys.routingKey(p), List.of(keys.partitionBase(p), since, index)));
        }
        return scripts.runInTurn(calls).map(responses -> {
            Map<String, Long> totals = new HashMap<>();
            for (Response r : responses) {
                for (int i = 0; i + 1 < r.size(); i += 2) {
                    totals.merge(r.get(i).toString(), r.get(i + 1).toLong(), Long::sum);
                }
            }
            return totals;
        });
    }

    private Uni<Long> sumOfCounts(java.util.function.IntFunction<String> keyOfPartition) {
        String since = Long.toString(clock.millis() - settings.activityWindowMillis());
        List<Request> requests = new ArrayList<>(keys.partitions());
        for (int p = 0; p < keys.partitions(); p++) {
            requests.add(Request.cmd(Command.ZCOUNT).arg(keyOfPartition.apply(p)).arg(since).arg("+inf"));
        }
        return redis.batch(requests).map(responses -> {
            long total = 0;
            for (Response r : responses) {
                total += r.toLong();
            }
            return total;
        });
    }
}
