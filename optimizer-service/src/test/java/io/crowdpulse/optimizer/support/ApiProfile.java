package io.crowdpulse.optimizer.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The API tests' optimizer: recommend mode, one target (a {@link FakeTarget} named after the run, so runs never
 * share recommendations or actions), short windows. Names and URL live in system properties because Quarkus
 * loads this class in more than one class loader.
 */
public class ApiProfile implements QuarkusTestProfile {

    public static final String TARGET = FakeTarget.runName("fake");
    public static final FakeTarget.Handle FAKE = new FakeTarget.Handle(FakeTarget.shared(t -> t
            .knob("sessions.cleanup-interval", 20, 1, 300, "s")
            .knob("workers.pool-size", 4, 1, 64, "threads")));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(FAKE.asTarget(TARGET));
        config.put("crowdpulse.optimizer.mode", "recommend");
        config.put("crowdpulse.optimizer.verification-window", "2s");
        return config;
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
