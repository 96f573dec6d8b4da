package io.crowdpulse.optimizer.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The tuning client's tests: one target (a {@link FakeTarget} of its own, made slow or failing over HTTP),
 * knobs read from it on every call (no cache) and short retry pauses, so every call the test makes reaches
 * the target through the client's guard.
 */
public class ClientProfile implements QuarkusTestProfile {

    public static final String TARGET = FakeTarget.runName("flaky");
    public static final FakeTarget.Handle FLAKY = new FakeTarget.Handle(FakeTarget.shared("flaky", t -> t
            .knob("workers.pool-size", 4, 1, 64, "threads")));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(FLAKY.asTarget(TARGET));
        config.putAll(Map.of("crowdpulse.optimizer.mode", "recommend", "crowdpulse.optimizer.knob-cache-ttl", "0s",
                "crowdpulse.optimizer.client.retry-delay", "50ms", "crowdpulse.optimizer.client.retry-jitter", "10ms"));
        return config;
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
