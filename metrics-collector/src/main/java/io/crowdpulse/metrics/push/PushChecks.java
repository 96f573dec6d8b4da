package io.crowdpulse.metrics.push;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.metrics.push.PushRequest.PushedSample;
import io.crowdpulse.metrics.push.PushRequest.Timing;

/**
 * The constraints declared on {@link PushRequest}, checked by hand with Bean Validation's own messages and
 * field names: a push holds up to 10,000 elements, and a reflective validator with a regular expression per
 * field cost more than the rest of the push. {@code PushChecksTest} holds both to the same answers.
 */
final class PushChecks {

    static final String NOT_NULL = "must not be null";
    static final String METRIC = "must be a metric name such as gauge.queue_depth";
    static final String IDENTIFIER = "must be 1-128 characters of letters, digits and . _ : @ -";
    static final String LABEL_NAME = "must match \"[A-Za-z_][A-Za-z0-9_]{0,63}\"";
    static final String LABEL_VALUE_SIZE = "size must be between 0 and 256";
    static final String VALUE_MAX = "must be less than or equal to 1e15";
    static final String VALUE_MIN = "must be greater than or equal to -1e15";
    static final String DURATION_MIN = "must be greater than or equal to 0";
    static final String DURATION_MAX = "must be less than or equal to 3600000";
    static final String STATUS_MIN = "must be greater than or equal to 100";
    static final String STATUS_MAX = "must be less than or equal to 599";

    private PushChecks() {
    }

    /** Every violation, sorted by field as the problem mapper sorts Bean Validation's; empty if valid. */
    static List<Problem.FieldError> violations(PushRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>(0);
        List<PushedSample> samples = request.samples();
        if (samples != null) {
            for (int i = 0; i < samples.size(); i++) {
                PushedSample s = samples.get(i);
                if (s == null) {
                    errors.add(new Problem.FieldError("samples[" + i + "]", NOT_NULL));
                } else if (!isValid(s)) {
                    sample(errors, "samples[" + i + "].", s);
                }
            }
        }
        List<Timing> timings = request.timings();
        if (timings != null) {
            for (int i = 0; i < timings.size(); i++) {
                Timing t = timings.get(i);
                if (t == null) {
                    errors.add(new Problem.FieldError("timings[" + i + "]", NOT_NULL));
                } else if (!isValid(t)) {
                    timing(errors, "timings[" + i + "].", t);
                }
            }
        }
        if (errors.size() > 1) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
        }
        return errors;
    }

    // The fast path: a valid element allocates nothing.
    private static boolean isValid(PushedSample s) {
        return s.metric() != null && isMetric(s.metric()) && s.target() != null && isIdentifier(s.target())
                && labelsValid(s.labels(), 16) && s.value() != null && s.value() <= 1e15 && s.value() >= -1e15;
    }

    private static boolean isValid(Timing t) {
        return t.target() != null && isIdentifier(t.target()) && labelsValid(t.labels(), 8) && t.durationMs() != null
                && isPositiveOrZero(t.durationMs()) && t.durationMs() <= 3_600_000 && t.status() != null && t.status() >= 100
                && t.status() <= 599;
    }

    private static void sample(List<Problem.FieldError> errors, String prefix, PushedSample s) {
        if (s.metric() == null) {
            errors.add(new Problem.FieldError(prefix + "metric", NOT_NULL));
        } else if (!isMetric(s.metric())) {
            errors.add(new Problem.FieldError(prefix + "metric", METRIC));
        }
        identifier(errors, prefix + "target", s.target());
        labels(errors, prefix + "labels", s.labels(), 16);
        if (s.value() == null) {
            errors.add(new Problem.FieldError(prefix + "value", NOT_NULL));
        } else {
            // Written as negations so that NaN fails both bounds, as it does in Bean Validation.
            if (!(s.value() <= 1e15)) {
                errors.add(new Problem.FieldError(prefix + "value", VALUE_MAX));
            }
            if (!(s.value() >= -1e15)) {
                errors.add(new Problem.FieldError(prefix + "value", VALUE_MIN));
            }
        }
    }

    private static void timing(List<Problem.FieldError> errors, String prefix, Timing t) {
        identifier(errors, prefix + "target", t.target());
        labels(errors, prefix + "labels", t.labels(), 8);
        if (t.durationMs() == null) {
            errors.add(new Problem.FieldError(prefix + "durationMs", NOT_NULL));
        } else {
            if (!isPositiveOrZero(t.durationMs())) {
                errors.add(new Problem.FieldError(prefix + "durationMs", DURATION_MIN));
            }
            if (!(t.durationMs() <= 3_600_000)) {
                errors.add(new Problem.FieldError(prefix + "durationMs", DURATION_MAX));
            }
        }
        if (t.status() == null) {
            errors.add(new Problem.FieldError(prefix + "status", NOT_NULL));
        } else if (t.status() < 100) {
            errors.add(new Problem.FieldError(prefix + "status", STATUS_MIN));
        } else if (t.status() > 599) {
            errors.add(new Problem.FieldError(prefix + "status", STATUS_MAX));
        }
    }

    private static void identifier(List<Problem.FieldError> errors, String field, String value) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, NOT_NULL));
        } else if (!isIdentifier(value)) {
            errors.add(new Problem.FieldError(field, IDENTIFIER));
        }
    }

    private static boolean labelsValid(Map<String, String> labels, int max) {
        if (labels == null) {
            return true;
        }
        if (labels.size() > max) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey() == null || !isLabelName(e.getKey()) || e.getValue() == null || e.getValue().length() > 256) {
                return false;
            }
        }
        return true;
    }

    private static void labels(List<Problem.FieldError> errors, String field, Map<String, String> labels, int max) {
        if (labels == null) {
            return;
        }
        if (labels.size() > max) {
            errors.add(new Problem.FieldError(field, "size must be between 0 and " + max));
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            // A null key passes a Pattern constraint, as any null does.
            if (e.getKey() != null && !isLabelName(e.getKey())) {
                errors.add(new Problem.FieldError(field, LABEL_NAME));
            }
            if (e.getValue() == null) {
                errors.add(new Problem.FieldError(field, NOT_NULL));
            } else if (e.getValue().length() > 256) {
                errors.add(new Problem.FieldError(field, LABEL_VALUE_SIZE));
            }
        }
    }

    /** {@code @PositiveOrZero} as Bean Validation reads a double: -0.0 and NaN are not. */
    private static boolean isPositiveOrZero(double value) {
        return !Double.isNaN(value) && Double.compare(value, 0.0) >= 0;
    }

    /** {@link PushRequest#METRIC_PATTERN}: {@code [a-z][a-z0-9_.:-]{0,127}}. */
    static boolean isMetric(String value) {
        int n = value.length();
        if (n < 1 || n > 128) {
            return false;
        }
        char first = value.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code @Identifier}: 1–128 characters of {@code [A-Za-z0-9._:@-]}. */
    static boolean isIdentifier(String value) {
        int n = value.length();
        if (n < 1 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == ':' || c == '@' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]{0,63}}. */
    static boolean isLabelName(String value) {
        int n = value.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!(letter || (i > 0 && c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
