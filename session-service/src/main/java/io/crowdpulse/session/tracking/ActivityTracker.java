package io.crowdpulse.session.tracking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.support.Keys;
import io.crowdpulse.session.support.Scripts;
import io.crowdpulse.session.support.Scripts.Call;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Records heartbeats and ends sessions in Redis. A batch is grouped by partition and sent as one
 * pipelined round trip of one script call per partition; PostgreSQL is never touched here.
 */
@ApplicationScoped
public class ActivityTracker {

    private final Keys keys;
    private final Scripts scripts;
    private final Clock clock;

    public ActivityTracker(Keys keys, Scripts scripts, Clock clock) {
        this.keys = keys;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** Records the heartbeats as received at {@code receivedAtMillis}; completes once Redis holds them all. */
    public Uni<Integer> track(List<Heartbeat> heartbeats, long receivedAtMillis) {
        String now = Long.toString(receivedAtMillis);
        @SuppressWarnings("unchecked")
        List<String>[] argsByPartition = new List[keys.partitions()];
        int used = 0;
        for (Heartbeat h : heartbeats) {
            int p = keys.partitionOf(h.userId());
            List<String> args = argsByPartition[p];
            if (args == null) {
                args = new ArrayList<>(2 + 6 * Math.max(1, heartbeats.size() / keys.partitions()));
                args.add(keys.partitionBase(p));
                args.add(now);
                argsByPartition[p] = args;
                used++;
            }
            args.add(h.userId());
            args.add(h.organizationId());
            args.add(h.sessionId());
            args.add(h.moduleId());
            args.add(h.userAgent() == null ? "" : h.userAgent());
            args.add(h.ipAddress() == null ? "" : h.ipAddress());
        }
        List<Call> calls = new ArrayList<>(used);
        for (int p = 0; p < argsByPartition.length; p++) {
            if (argsByPartition[p] != null) {
                calls.add(new Call(Scripts.HEARTBEAT, keys.routingKey(p), argsByPartition[p]));
            }
        }
        return scripts.runAll(calls).replaceWith(heartbeats.size());
    }

    /**
     * Ends a session now. The partition of a session is its user's, which the caller may not know, so every
     * partition is asked in one pipelined round trip; only the one holding it ends it.
     */
    public Uni<Boolean> endSession(String sessionId) {
        String now = Long.toString(clock.millis());
        List<Call> calls = new ArrayList<>(keys.partitions());
        for (int p = 0; p < keys.partitions(); p++) {
            calls.add(new Call(Scripts.END_SESSION, keys.routingKey(p), List.of(keys.partitionBase(p), now, sessionId)));
        }
        return scripts.runAll(calls).map(responses -> {
            for (Response r : responses) {
                if (r.toLong() == 1L) {
                    return true;
                }
            }
            return false;
        });
    }
}
