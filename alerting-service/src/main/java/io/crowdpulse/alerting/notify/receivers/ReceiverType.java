package io.crowdpulse.alerting.notify.receivers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a receiver does with a notification: log it, post it as an Alertmanager webhook, to Slack, or to an Alertmanager. */
public enum ReceiverType {
    LOG,
    WEBHOOK,
    SLACK,
    ALERTMANAGER;

    /** The values as the API and configuration spell them. */
    public static final String PATTERN = "log|webhook|slack|alertmanager";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether receivers of this type post to a URL. */
    public boolean needsUrl() {
        return this != LOG;
    }

    public static Optional<ReceiverType> parse(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }
}
