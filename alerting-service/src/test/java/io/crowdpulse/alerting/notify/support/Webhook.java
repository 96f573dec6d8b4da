package io.crowdpulse.alerting.notify.support;

import java.io.IOException;
import java.util.Map;

/**
 * A {@link RecordingReceiver} registered over REST as a webhook receiver that takes only the alerts of its
 * own target, so tests do not hear each other's alerts; closing it deletes the receiver.
 */
public record Webhook(RecordingReceiver hook, String target, String name) implements AutoCloseable {

    /** A receiver answering 200, for a target named {@code targetPrefix-…}. */
    public static Webhook create(String targetPrefix) throws IOException {
        RecordingReceiver hook = RecordingReceiver.answering(200);
        String target = Api.unique(targetPrefix);
        String name = Api.unique("hook");
        Receivers.create(name, "webhook", hook.url("/hook"), target, Map.of());
        return new Webhook(hook, target, name);
    }

    @Override
    public void close() {
        Receivers.delete(name);
        hook.close();
    }
}
