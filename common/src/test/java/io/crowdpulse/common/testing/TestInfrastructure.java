package io.crowdpulse.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the real local Redis and PostgreSQL (failing fast, naming what is
 * unreachable), with keys, channels and a schema of its own, and PostgreSQL behind a {@link TcpProxy}.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    /** The key prefix and channel namespace of this test run. */
    public static final String PREFIX = "cpt-" + RUN_ID;
    private static TcpProxy postgresProxy;

    public static TcpProxy postgresProxy() {
        return postgresProxy;
    }

    @Override
    public Map<String, String> start() {
        requireReachable("Redis", "127.0.0.1", 6379, "start it with: redis-server --daemonize yes");
        requireReachable("PostgreSQL", "127.0.0.1", 5432, "run .ci/run, which starts it and creates the crowdpulse database");
        try {
            postgresProxy = new TcpProxy("127.0.0.1", 5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefix = PREFIX;
        // Every service's key prefix: a property of another service's namespace is simply not read.
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresProxy.port()
                        + "/crowdpulse?connectTimeout=2&socketTimeout=5",
                "crowdpulse.sessions.key-prefix", prefix,
                "crowdpulse.metrics.replicas.key-prefix", prefix,
                // the evaluator lease: a test run sharing it with another run would never evaluate
                "crowdpulse.alerting.evaluation.key-prefix", prefix,
                "crowdpulse.events.namespace", prefix);
    }

    @Override
    public void stop() {
        RedisCleanup.deleteKeysStartingWith(PREFIX);
        if (postgresProxy != null) {
            try {
                postgresProxy.close();
            } catch (IOException e) {
                // test run is over
            }
        }
    }

    private static void requireReachable(String name, String host, int port, String hint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(name + " is not reachable on " + host + ":" + port + " (" + e.getMessage()
                    + "); " + hint);
        }
    }
}
