package io.crowdpulse.session.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.crowdpulse.common.redis.LuaScript;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** The Lua scripts of session-service and how to run them, one or many per round trip. */
@Singleton
public class Scripts {

    public static final LuaScript HEARTBEAT = LuaScript.load("heartbeat.lua");
    public static final LuaScript END_SESSION = LuaScript.load("end-session.lua", "session-end.lua");
    public static final LuaScript SWEEP = LuaScript.load("sweep.lua", "session-end.lua");
    public static final LuaScript COUNT = LuaScript.load("count.lua");
    public static final LuaScript COUNT_GROUPS = LuaScript.load("count-groups.lua");

    /** One script call: which script, its routing key and its arguments. */
    public record Call(LuaScript script, String routingKey, List<String> args) {
    }

    private final Redis redis;

    public Scripts(ReactiveRedisDataSource redis) {
        this.redis = redis.getRedis();
    }

    public Uni<Response> run(Call call) {
        return call.script().run(redis, call.routingKey(), call.args());
    }

    /** The client the scripts run on, for helpers that run their own (a lease). */
    public Redis redis() {
        return redis;
    }

    /**
     * Runs the calls one after another, each in its own round trip. For scripts that do much work per
     * partition (sweeps, per-group counts): pipelined, Redis would run all of them back to back and hold
     * every other client, a count included, until the last one is done; in turn, others get served
     * between two partitions.
     */
    public Uni<List<Response>> runInTurn(List<Call> calls) {
        return Multi.createFrom().iterable(calls)
                .onItem().transformToUniAndConcatenate(this::run)
                .collect().asList();
    }

    /** Runs all calls pipelined in one round trip; a NOSCRIPT answer reloads and retries that batch once. */
    public Uni<List<Response>> runAll(List<Call> calls) {
        if (calls.size() == 1) {
            return run(calls.get(0)).map(List::of);
        }
        List<Request> requests = new ArrayList<>(calls.size());
        for (Call call : calls) {
            requests.add(call.script().evalsha(call.routingKey(), call.args()));
        }
        return redis.batch(requests)
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> {
                    List<Request> evals = new ArrayList<>(calls.size());
                    for (Call call : calls) {
                        evals.add(call.script().eval(call.routingKey(), call.args()));
                    }
                    return redis.batch(evals);
                });
    }
}
