package io.crowdpulse.session.overload;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Degraded mode that reacts within about a second, so a test can drive it in and out. */
public class OverloadTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "crowdpulse.degraded.tick", "100ms",
                "crowdpulse.degraded.enter-after", "1s",
                "crowdpulse.degraded.exit-after", "1s",
                "crowdpulse.degraded.shed-ratio", "0");
    }
}
