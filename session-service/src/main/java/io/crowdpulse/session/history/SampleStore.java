package io.crowdpulse.session.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.config.SessionsConfig;
import io.crowdpulse.session.support.Keys;
import io.crowdpulse.common.redis.LuaScript;
import io.crowdpulse.session.support.Scripts;
import io.crowdpulse.session.support.Scripts.Call;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;

/** The per-second samples in Redis: one sorted set scored by epoch second, kept for the sample retention. */
@ApplicationScoped
public class SampleStore {

    private static final LuaScript ADD = LuaScript.load("add-sample.lua");

    private final Keys keys;
    private final Scripts scripts;
    private final ReactiveRedisDataSource redis;
    private final long retentionSeconds;

    public SampleStore(Keys keys, Scripts scripts, ReactiveRedisDataSource redis, SessionsConfig config) {
        this.keys = keys;
        this.scripts = scripts;
        this.redis = redis;
        this.retentionSeconds = config.history().sampleRetention().toSeconds();
    }

    /** Stores the sample unless its second is already taken; true if stored. */
    public Uni<Boolean> add(Sample sample) {
        List<String> args = List.of(Long.toString(sample.second()), sample.encode(),
                Long.toString(sample.second() - retentionSeconds));
        return scripts.run(new Call(ADD, keys.samples(), args)).map(r -> r.toLong() == 1L);
    }

    public Uni<Optional<Sample>> latest() {
        return redis.sortedSet(String.class).zrange(keys.samples(), -1, -1)
                .map(members -> members.isEmpty() ? Optional.empty() : Optional.of(Sample.decode(members.get(0))));
    }

    /** The samples of seconds in [fromSecond, toSecond], oldest first. */
    public Uni<List<Sample>> range(long fromSecond, long toSecond) {
        return redis.sortedSet(String.class)
                .zrangebyscore(keys.samples(), new ScoreRange<>((double) fromSecond, (double) toSecond))
                .map(members -> {
                    List<Sample> samples = new ArrayList<>(members.size());
                    for (String m : members) {
                        samples.add(Sample.decode(m));
                    }
                    return samples;
                });
    }

    /** The first sample at or after {@code second}, if any. */
    public Uni<Optional<Sample>> firstAtOrAfter(long second) {
        return redis.sortedSet(String.class)
                .zrangebyscore(keys.samples(), new ScoreRange<>((double) second, Double.POSITIVE_INFINITY),
                        new ZRangeArgs().limit(0, 1))
                .map(members -> members.isEmpty() ? Optional.empty() : Optional.of(Sample.decode(members.get(0))));
    }

    /** The oldest second still held, if any. */
    public Uni<Optional<Long>> oldestSecond() {
        return redis.sortedSet(String.class).zrange(keys.samples(), 0, 0)
                .map(members -> members.isEmpty() ? Optional.empty()
                        : Optional.of(Sample.decode(members.get(0)).second()));
    }
}
