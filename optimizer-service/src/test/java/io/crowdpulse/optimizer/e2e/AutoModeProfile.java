package io.crowdpulse.optimizer.e2e;

import java.util.List;
import java.util.Map;

import io.crowdpulse.optimizer.support.SessionServiceProcess;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Auto mode against a real session-service: short evaluation and verification windows, a long cooldown. */
public class AutoModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "crowdpulse.optimizer.mode", "auto",
                "crowdpulse.optimizer.verification-window", "4s",
                "crowdpulse.optimizer.cooldown", "10m",
                // its own settings row and lease, apart from the API tests' optimizer
                "crowdpulse.optimizer.key-prefix", "e2e-${crowdpulse.events.namespace}");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SessionServiceProcess.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
