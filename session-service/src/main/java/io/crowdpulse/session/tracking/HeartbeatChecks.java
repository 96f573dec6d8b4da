package io.crowdpulse.session.tracking;

import java.util.ArrayList;
import java.util.List;

import io.crowdpulse.common.problem.Problem;

/**
 * The constraints declared on {@link Heartbeat}, checked by hand with Bean Validation's own messages:
 * ingest validates every heartbeat, and a reflective validator costs more per heartbeat than the rest of
 * the request together. {@code HeartbeatChecksTest} holds both to the same answers.
 */
final class HeartbeatChecks {

    static final String NOT_NULL = "must not be null";
    static final String IDENTIFIER = "must be 1-128 characters of letters, digits and . _ : @ -";
    static final String USER_AGENT_SIZE = "size must be between 0 and 512";
    static final String IP_SIZE = "size must be between 0 and 64";
    static final String IP_PATTERN = "must be an IPv4 or IPv6 address";

    private HeartbeatChecks() {
    }

    /** The violations of one heartbeat, each field named {@code prefix + field}, sorted by field (as the
     * problem mapper sorts Bean Validation's); empty if valid. */
    static List<Problem.FieldError> violations(Heartbeat h, String prefix) {
        List<Problem.FieldError> errors = null;
        String ip = h.ipAddress();
        if (ip != null) {
            if (ip.length() > 64) {
                errors = add(errors, prefix + "ipAddress", IP_SIZE);
            }
            if (!isIpLike(ip)) {
                errors = add(errors, prefix + "ipAddress", IP_PATTERN);
            }
        }
        errors = identifier(errors, prefix, "moduleId", h.moduleId());
        errors = identifier(errors, prefix, "organizationId", h.organizationId());
        errors = identifier(errors, prefix, "sessionId", h.sessionId());
        if (h.userAgent() != null && h.userAgent().length() > 512) {
            errors = add(errors, prefix + "userAgent", USER_AGENT_SIZE);
        }
        errors = identifier(errors, prefix, "userId", h.userId());
        return errors == null ? List.of() : errors;
    }

    /** {@code @NotNull @Identifier}: 1–128 characters of {@code [A-Za-z0-9._:@-]}. */
    static boolean isIdentifier(String value) {
        int n = value.length();
        if (n < 1 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9A-Fa-f:.]{2,64}}. */
    static boolean isIpLike(String value) {
        int n = value.length();
        if (n < 2 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                    || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<Problem.FieldError> identifier(List<Problem.FieldError> errors, String prefix, String field,
            String value) {
        if (value == null) {
            return add(errors, prefix + field, NOT_NULL);
        }
        return isIdentifier(value) ? errors : add(errors, prefix + field, IDENTIFIER);
    }

    private static List<Problem.FieldError> add(List<Problem.FieldError> errors, String field, String message) {
        List<Problem.FieldError> out = errors == null ? new ArrayList<>(2) : errors;
        out.add(new Problem.FieldError(field, message));
        return out;
    }
}
