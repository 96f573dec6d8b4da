package io.crowdpulse.alerting.notify.receivers;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crowdpulse.alerting.notify.payload.AlertmanagerAlert;
import io.crowdpulse.alerting.notify.payload.SlackMessage;
import io.crowdpulse.alerting.notify.payload.TextLines;
import io.crowdpulse.alerting.notify.payload.WebhookMessage;

/** Hands one notification to one receiver in the receiver's own form. */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger("io.crowdpulse.alerting.notify.log");

    private final ReceiverClient client;
    private final ObjectMapper json;

    public Sender(ReceiverClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public void send(Receiver receiver, WebhookMessage message) throws DeliveryException {
        switch (receiver.type()) {
            case LOG -> LOG.infof("notification receiver=%s group=%s %s: %s", receiver.name(), message.groupKey(),
                    TextLines.headline(message),
                    String.join("; ", message.alerts().stream().map(TextLines::line).toList()));
            case WEBHOOK -> client.post(receiver, receiver.url(), write(message));
            case SLACK -> client.post(receiver, receiver.url(), write(SlackMessage.of(message)));
            case ALERTMANAGER -> client.post(receiver, AlertmanagerAlert.endpoint(receiver.url()),
                    write(AlertmanagerAlert.of(message)));
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification bodies are records of strings and maps", e);
        }
    }
}
