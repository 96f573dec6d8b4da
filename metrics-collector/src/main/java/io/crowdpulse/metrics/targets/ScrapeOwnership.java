package io.crowdpulse.metrics.targets;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.metrics.config.MetricsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;

/**
 * Splits the scrape targets between the live replicas: each replica heartbeats into a sorted set in
 * Redis, and a target belongs to the live replica with the highest rendezvous hash of (target, replica).
 * When a replica joins or leaves, only the targets it gains or loses move.
 */
@ApplicationScoped
public class ScrapeOwnership {

    private static final Logger LOG = Logger.getLogger(ScrapeOwnership.class);

    private final SortedSetCommands<String, String> sets;
    private final String key;
    private final String self = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Duration ttl;
    private final Clock clock;
    private volatile List<String> live = List.of(self);

    public ScrapeOwnership(RedisDataSource redis, MetricsConfig config, Clock clock) {
        this.sets = redis.sortedSet(String.class);
        this.key = config.replicas().keyPrefix() + ":replicas";
        this.ttl = config.replicas().ttl();
        this.clock = clock;
    }

    public String self() {
        return self;
    }

    /** Announces this replica and reads who else is alive; on a Redis error, keeps the last view. */
    public void heartbeat() {
        long now = clock.millis();
        try {
            sets.zadd(key, now, self);
            sets.zremrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) (now - ttl.toMillis())));
            List<String> members = sets.zrangebyscore(key, new ScoreRange<>((double) (now - ttl.toMillis()), Double.POSITIVE_INFINITY));
            live = members.contains(self) ? List.copyOf(members) : List.of(self);
        } catch (RuntimeException e) {
            LOG.debugf("Replica heartbeat failed, keeping the last view of replicas: %s", e.getMessage());
        }
    }

    public List<String> liveReplicas() {
        return live;
    }

    public boolean owns(String target) {
        return self.equals(ownerOf(target, live));
    }

    /** The replica with the highest hash of (target, replica); deterministic, so all replicas agree. */
    static String ownerOf(String target, List<String> replicas) {
        String best = null;
        long bestScore = -1;
        long targetHash = crc32(target);
        for (String replica : replicas) {
            long score = mix(targetHash << 32 ^ crc32(replica)) >>> 1;
            if (score > bestScore || (score == bestScore && replica.compareTo(best) < 0)) {
                best = replica;
                bestScore = score;
            }
        }
        return best;
    }

    private static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** SplitMix64's finalizer: CRC32 alone is too linear to rank replicas evenly. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
