package io.crowdpulse.session.support;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.crowdpulse.session.support.Scripts.Call;

/**
 * A lease in Redis that lets one replica do work that must happen once per tick (sampling, publishing,
 * rolling up). The holder renews it on every tick; when it stops, another replica takes over after the TTL.
 */
public final class Lease {

    private static final LuaScript TAKE_OR_KEEP = LuaScript.load("lease.lua");

    private final String key;
    private final String holderId;
    private final Duration ttl;
    private final Scripts scripts;

    public Lease(String key, Duration ttl, Scripts scripts) {
        this.key = key;
        this.holderId = UUID.randomUUID().toString();
        this.ttl = ttl;
        this.scripts = scripts;
    }

    /** Takes the lease if it is free or keeps it if held; blocking, so call it from a worker thread. */
    public boolean holdOrTake() {
        return scripts.run(new Call(TAKE_OR_KEEP, key, List.of(holderId, Long.toString(ttl.toMillis()))))
                .await().atMost(Duration.ofSeconds(5)).toLong() == 1L;
    }

    public String holderId() {
        return holderId;
    }
}
