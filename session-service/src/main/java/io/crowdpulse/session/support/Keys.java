package io.crowdpulse.session.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.crowdpulse.session.config.SessionsConfig;

/**
 * Every Redis key of session-service, built in one place. Per-user data lives in partition
 * {@code cp:{p}:…}, {@code p} a stable hash of the user id, so no command spans partitions and the same
 * code runs on one Redis or a Redis Cluster.
 *
 * <p>Inside partition {@code cp:{p}:} the Lua scripts use: {@code users}, {@code m:<module>},
 * {@code o:<org>} (sorted sets user → last heartbeat ms), {@code modules}, {@code orgs} (indexes of the
 * sets in use), {@code sessions} (session → last heartbeat ms), {@code s:<session>} (hash of a session),
 * {@code smod} (session → current module), {@code usc} (user → open session count), {@code counters} and
 * {@code ends} (stream of ended sessions).
 */
@Singleton
public class Keys {

    private final String prefix;
    private final int partitions;

    @Inject
    public Keys(SessionsConfig config) {
        this(config.keyPrefix(), config.partitions());
    }

    public Keys(String prefix, int partitions) {
        if (partitions < 1 || partitions > 16_384) {
            throw new IllegalArgumentException("partitions must be 1..16384: " + partitions);
        }
        this.prefix = prefix;
        this.partitions = partitions;
    }

    public int partitions() {
        return partitions;
    }

    /** The partition of a user: CRC32 of the id, stable across JVMs and releases. */
    public int partitionOf(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    /** The common start of every key of partition {@code p}, e.g. {@code cp:{7}:}. */
    public String partitionBase(int p) {
        return prefix + ":{" + p + "}:";
    }

    public List<String> partitionBases() {
        List<String> bases = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            bases.add(partitionBase(p));
        }
        return bases;
    }

    /** The routing key a script declares for partition {@code p}; the script derives the others from the base. */
    public String routingKey(int p) {
        return partitionBase(p) + "users";
    }

    public String moduleUsers(int p, String moduleId) {
        return partitionBase(p) + "m:" + moduleId;
    }

    public String organizationUsers(int p, String organizationId) {
        return partitionBase(p) + "o:" + organizationId;
    }

    public String endedSessions(int p) {
        return partitionBase(p) + "ends";
    }

    /** Per-second samples of every count, scored by epoch second. */
    public String samples() {
        return prefix + ":history:samples";
    }

    /** The last minute rolled up into PostgreSQL. */
    public String lastRollup() {
        return prefix + ":history:last-rollup";
    }

    /** The lease of the instance that samples, publishes and rolls up. */
    public String samplerLease() {
        return prefix + ":lease:sampler";
    }
}
