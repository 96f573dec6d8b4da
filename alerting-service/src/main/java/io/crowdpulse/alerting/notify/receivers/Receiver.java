package io.crowdpulse.alerting.notify.receivers;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.crowdpulse.alerting.alerts.Severity;

/**
 * Where notifications go: a type, a URL (except for log), and which alerts it takes — of the given
 * severities (all when empty) whose labels equal every entry of {@code match}.
 */
public record Receiver(String name, ReceiverType type, URI url, Set<Severity> severities, Map<String, String> match,
        Map<String, String> headers, boolean sendResolved, boolean configured) {

    public Receiver {
        severities = Set.copyOf(severities);
        match = Map.copyOf(match);
        headers = Map.copyOf(new TreeMap<>(headers));
    }

    /** The URL as it may be shown (API, errors, logs): no credentials, query or, for Slack, token path. */
    public String shownUrl() {
        return url == null ? null : redact(url, type);
    }

    /** {@code url} without what may be a secret: user info, query, and the whole path of a Slack webhook. */
    public static String redact(URI url, ReceiverType type) {
        StringBuilder shown = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        if (type == ReceiverType.SLACK) {
            shown.append("/<secret>");
        } else if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            shown.append("?<secret>");
        }
        return shown.toString();
    }

    /** Whether an alert of this severity and these labels goes to this receiver. */
    public boolean accepts(Severity severity, Map<String, String> labels) {
        if (!severities.isEmpty() && !severities.contains(severity)) {
            return false;
        }
        return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
