package io.crowdpulse.alerting.notify.receivers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Receivers defined by configuration, by name:
 * {@code crowdpulse.alerting.receivers.<name>.type=log|webhook|slack|alertmanager}, {@code .url},
 * {@code .severities}, {@code .match.<label>}, {@code .headers.<name>}, {@code .send-resolved}.
 */
@ConfigMapping(prefix = "crowdpulse.alerting.receivers")
public interface ReceiversConfig {

    @WithParentName
    Map<String, ReceiverConfig> all();

    /** One configured receiver. */
    interface ReceiverConfig {

        /** log, webhook, slack or alertmanager. */
        String type();

        /** Where to post (the Alertmanager's base URL for type alertmanager); not for type log. */
        Optional<String> url();

        /** Only alerts of these severities (info, warning, critical); all when absent. */
        Optional<List<String>> severities();

        /** Only alerts whose labels have these values ({@code alertname} is the rule). */
        Map<String, String> match();

        /** Headers sent with every post, such as an Authorization header. */
        Map<String, String> headers();

        /** Whether the receiver is told when alerts it was told of resolve. */
        @WithDefault("true")
        boolean sendResolved();
    }
}
