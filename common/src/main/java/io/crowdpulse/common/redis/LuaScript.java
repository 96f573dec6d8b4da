package io.crowdpulse.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}); the caller falls back to {@code EVAL} once when Redis
 * answers NOSCRIPT (after a restart or a failover), which also caches it again.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads {@code lua/<name>} from the classpath, after the shared {@code lua/<prelude>} files. */
    public static LuaScript load(String name, String... preludes) {
        StringBuilder text = new StringBuilder();
        for (String prelude : preludes) {
            text.append(read(prelude)).append('\n');
        }
        text.append(read(name));
        return new LuaScript(text.toString());
    }

    /** EVALSHA with one routing key and the given arguments. */
    public Request evalsha(String routingKey, List<String> args) {
        return build(Command.EVALSHA, sha, routingKey, args);
    }

    /** EVAL of the full source, for when Redis does not know the script yet. */
    public Request eval(String routingKey, List<String> args) {
        return build(Command.EVAL, source, routingKey, args);
    }

    /** Runs the script by its SHA, loading it with EVAL when Redis does not know it yet. */
    public Uni<Response> run(Redis redis, String routingKey, List<String> args) {
        return redis.send(evalsha(routingKey, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(eval(routingKey, args)));
    }

    public static boolean isNoScript(Throwable failure) {
        return failure != null && failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    private static Request build(Command command, String script, String routingKey, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(routingKey);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private static String read(String name) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream("lua/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing script lua/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
