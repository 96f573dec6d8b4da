package io.crowdpulse.common.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.redis.client.Redis;

/**
 * A lease in Redis that lets one replica do work that must happen once (sampling, rolling up, evaluating
 * rules). The holder renews it on every tick; when it stops, another replica takes over after the TTL.
 */
public final class Lease {

    private static final LuaScript TAKE_OR_KEEP = LuaScript.load("lease.lua");

    private final String key;
    private final String holderId;
    private final Duration ttl;
    private final Redis redis;

    public Lease(String key, Duration ttl, Redis redis) {
        this.key = key;
        this.holderId = UUID.randomUUID().toString();
        this.ttl = ttl;
        this.redis = redis;
    }

    /** Takes the lease if it is free or keeps it if held; blocking, so call it from a worker thread. */
    public boolean holdOrTake() {
        return TAKE_OR_KEEP.run(redis, key, List.of(holderId, Long.toString(ttl.toMillis())))
                .await().atMost(Duration.ofSeconds(5)).toLong() == 1L;
    }

    public String holderId() {
        return holderId;
    }
}
