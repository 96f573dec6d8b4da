package io.crowdpulse.session.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.crowdpulse.common.testing.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts the real local Redis behind a {@link TcpProxy}, so that a test can make it unreachable and back. */
public class RedisBehindProxy implements QuarkusTestResourceLifecycleManager {

    private static TcpProxy proxy;

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy("127.0.0.1", 6379);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            // the test run is over
        }
    }
}
