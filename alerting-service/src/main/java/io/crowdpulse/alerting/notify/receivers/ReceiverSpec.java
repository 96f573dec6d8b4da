package io.crowdpulse.alerting.notify.receivers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.common.validation.Identifiers;

/**
 * A receiver as an operator writes it (in properties or a REST body), checked field by field and turned
 * into a {@link Receiver}; what is wrong is named by an {@link Invalid}.
 */
public record ReceiverSpec(String name, String type, String url, List<String> severities, Map<String, String> match,
        Map<String, String> headers, Boolean sendResolved) {

    /** Label names as Prometheus and Alertmanager allow them. */
    public static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]{0,127}";
    /** HTTP header names (RFC 9110 tokens). */
    public static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}";
    private static final Pattern LABEL = Pattern.compile(LABEL_NAME);
    private static final Pattern HEADER = Pattern.compile(HEADER_NAME);

    /** A field of a receiver that is wrong, and how. */
    public static final class Invalid extends RuntimeException {

        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public Receiver toReceiver(boolean configured) {
        if (!Identifiers.isValid(name)) {
            throw new Invalid("name", "must be 1-128 characters of letters, digits and . _ : @ -");
        }
        ReceiverType kind = ReceiverType.parse(type == null ? null : type.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new Invalid("type", "must be one of " + ReceiverType.PATTERN.replace("|", ", ")));
        return new Receiver(name, kind, checkedUrl(kind), checkedSeverities(), checkedMatch(), checkedHeaders(), sendResolved == null || sendResolved,
                configured);
    }

    private URI checkedUrl(ReceiverType kind) {
        if (!kind.needsUrl()) {
            if (url != null && !url.isBlank()) {
                throw new Invalid("url", "a log receiver takes no url");
            }
            return null;
        }
        if (url == null || url.isBlank()) {
            throw new Invalid("url", "is required for a " + kind.label() + " receiver");
        }
        try {
            URI parsed = new URI(url.trim());
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Invalid("url", "must be an http or https URL");
            }
            if (parsed.getHost() == null) {
                throw new Invalid("url", "needs a host");
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new Invalid("url", "is not a valid URL: " + e.getReason());
        }
    }

    private Set<Severity> checkedSeverities() {
        Set<Severity> set = EnumSet.noneOf(Severity.class);
        if (severities != null) {
            for (String s : severities) {
                try {
                    set.add(Severity.of(s == null ? "" : s.trim()));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("severities", "must each be info, warning or critical");
                }
            }
        }
        return set;
    }

    private Map<String, String> checkedMatch() {
        Map<String, String> labels = match == null ? Map.of() : match;
        labels.forEach((k, v) -> {
            if (!LABEL.matcher(k).matches()) {
                throw new Invalid("match", "'" + k + "' is not a label name");
            }
            if (v == null) {
                throw new Invalid("match", "'" + k + "' needs a value");
            }
        });
        return labels;
    }

    private Map<String, String> checkedHeaders() {
        Map<String, String> values = headers == null ? Map.of() : headers;
        values.forEach((k, v) -> {
            if (!HEADER.matcher(k).matches()) {
                throw new Invalid("headers", "'" + k + "' is not a header name");
            }
            if (v == null || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new Invalid("headers", "'" + k + "' needs a single-line value");
            }
        });
        return values;
    }
}
