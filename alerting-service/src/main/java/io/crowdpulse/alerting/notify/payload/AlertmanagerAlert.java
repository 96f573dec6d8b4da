package io.crowdpulse.alerting.notify.payload;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One alert as Alertmanager's {@code POST /api/v2/alerts} takes it. A firing alert carries no end, so
 * Alertmanager keeps it for its resolve_timeout past each post; a resolved one ends at its resolution.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
        String endsAt, @JsonProperty("generatorURL") String generatorUrl) {

    public static List<AlertmanagerAlert> of(WebhookMessage message) {
        return message.alerts().stream().map(a -> new AlertmanagerAlert(a.labels(), a.annotations(), a.startsAt(),
                a.firing() ? null : a.endsAt(), a.generatorUrl())).toList();
    }

    /** Where an Alertmanager at {@code base} takes alerts. */
    public static URI endpoint(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/api/v2/alerts");
    }
}
