package io.crowdpulse.optimizer.support;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The API tests' optimizer: recommend mode, one target (a {@link FakeTarget} named after the run, so runs never
 * share recommendations or actions), short windows. Names and URL live in system properties because Quarkus
 * loads this class in more than one class loader.
 */
public class ApiProfile implements QuarkusTestProfile {

    public static final String TARGET = System.getProperties()
            .computeIfAbsent("crowdpulse.test.fake-target.name", k -> "fake-" + UUID.randomUUID().toString().substring(0, 8))
            .toString();
    public static final FakeTarget.Handle FAKE = new FakeTarget.Handle(FakeTarget.shared(t -> t
            .knob("sessions.cleanup-interval", 20, 1, 300, "s")
            .knob("workers.pool-size", 4, 1, 64, "threads")));

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "crowdpulse.optimizer.targets.\"" + TARGET + "\".url", FAKE.url(),
                "crowdpulse.optimizer.targets.\"" + TARGET + "\".api-key", FakeTarget.KEY,
                "crowdpulse.optimizer.mode", "recommend",
                "crowdpulse.optimizer.verification-window", "2s");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
