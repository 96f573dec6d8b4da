package io.crowdpulse.alerting.notify.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Short group wait, group interval and backoff, so notification tests take seconds, not minutes. */
public class NotifyTestProfile implements QuarkusTestProfile {

    public static final String CONFIGURED_LOG_RECEIVER = "cfg-log";
    public static final String CONFIGURED_LOG_TARGET = "cfg-log-target";
    public static final int MAX_ATTEMPTS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        String p = "crowdpulse.alerting.notifications.";
        return Map.ofEntries(
                Map.entry(p + "group-wait", "300ms"),
                Map.entry(p + "group-interval", "1s"),
                Map.entry(p + "repeat-interval", "1h"),
                Map.entry(p + "backoff.base", "100ms"),
                Map.entry(p + "backoff.max", "400ms"),
                Map.entry(p + "max-attempts", Integer.toString(MAX_ATTEMPTS)),
                Map.entry(p + "send-timeout", "2s"),
                Map.entry(p + "claim-timeout", "5s"),
                Map.entry(p + "poll-interval", "1s"),
                Map.entry(p + "external-url", "http://crowdpulse.test:8083"),
                Map.entry("crowdpulse.alerting.receivers." + CONFIGURED_LOG_RECEIVER + ".type", "log"),
                Map.entry("crowdpulse.alerting.receivers." + CONFIGURED_LOG_RECEIVER + ".match.target", CONFIGURED_LOG_TARGET));
    }
}
