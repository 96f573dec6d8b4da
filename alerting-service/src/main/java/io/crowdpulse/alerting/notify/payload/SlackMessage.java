package io.crowdpulse.alerting.notify.payload;

import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a Slack-compatible incoming webhook: a headline and one readable line per alert. */
@RegisterForReflection
public record SlackMessage(String text) {

    public static SlackMessage of(WebhookMessage message) {
        return new SlackMessage(TextLines.headline(message) + "\n" + message.alerts().stream()
                .map(a -> "• " + TextLines.line(a)).collect(Collectors.joining("\n")));
    }
}
