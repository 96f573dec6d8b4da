package io.crowdpulse.common.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Removes the Redis keys a test run wrote under its own prefix, with redis-cli (installed beside Redis). */
public final class RedisCleanup {

    private RedisCleanup() {
    }

    public static void deleteKeysStartingWith(String prefix) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "redis-cli -h 127.0.0.1 --scan --pattern '" + prefix + "*' | xargs -r -n 500 redis-cli -h 127.0.0.1 del")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            pb.start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no redis-cli: the keys stay under their own prefix and harm no one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
