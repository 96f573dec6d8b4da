package io.crowdpulse.alerting.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.validation.Identifier;

/**
 * A rule as the REST API reads and writes it, and as it is stored. Durations are written as {@code 30s},
 * {@code 5m} or ISO-8601; {@code while} is the optional guard on another series.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(
        @NotNull @Identifier String name,
        @NotNull @Pattern(regexp = "threshold|anomaly|no-data|concurrent-users", message = "must be threshold, anomaly, no-data or concurrent-users") String kind,
        @Pattern(regexp = METRIC, message = "must be a metric name, * standing for one part") String metric,
        @Identifier String target,
        @Size(max = 16) Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String, @NotNull @Size(max = 256) String> labels,
        @Pattern(regexp = ">|>=|<|<=", message = "must be one of > >= < <=") String comparator,
        Double threshold,
        @JsonProperty("for") String forDuration,
        String keepFiringFor,
        @NotNull @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity,
        @Size(max = 1024) String summary,
        @Size(max = 4096) String description,
        @DecimalMin("0") @DecimalMax("1") Double minScore,
        String absentFor,
        @JsonProperty("while") @Valid Guard guard,
        Boolean enabled,
        String source) {

    static final String METRIC = "[a-z*][a-z0-9_.:*-]{0,127}";

    /** The guard: {@code metric} on {@code target} (any if absent) must compare true against {@code threshold}. */
    public record Guard(@NotNull @Pattern(regexp = METRIC) String metric, @Identifier String target,
            Map<String, String> labels, @NotNull @Pattern(regexp = ">|>=|<|<=") String comparator,
            @NotNull Double threshold) {
    }

    /** Checks what Bean Validation cannot (what each kind needs) and builds the rule; a 400 names every problem. */
    public Rule toRule(String ruleSource) {
        List<Problem.FieldError> errors = new ArrayList<>();
        RuleKind ruleKind = RuleKind.valueOf(kind.toUpperCase().replace('-', '_'));
        String ruleMetric = metric;
        if (ruleKind == RuleKind.CONCURRENT_USERS && ruleMetric == null) {
            ruleMetric = "sessions.concurrent_users";
        }
        if (ruleMetric == null) {
            errors.add(new Problem.FieldError("metric", "is required"));
        }
        if ((ruleKind == RuleKind.THRESHOLD || ruleKind == RuleKind.CONCURRENT_USERS)) {
            if (comparator == null) {
                errors.add(new Problem.FieldError("comparator", "is required for a " + kind + " rule"));
            }
            if (threshold == null || !Double.isFinite(threshold)) {
                errors.add(new Problem.FieldError("threshold", "is required for a " + kind + " rule"));
            }
        }
        if (ruleKind == RuleKind.ANOMALY && minScore == null) {
            errors.add(new Problem.FieldError("minScore", "is required for an anomaly rule (0..1)"));
        }
        Duration absent = null;
        if (ruleKind == RuleKind.NO_DATA) {
            if (absentFor == null) {
                errors.add(new Problem.FieldError("absentFor", "is required for a no-data rule"));
            } else {
                absent = duration("absentFor", absentFor, errors);
            }
        }
        Duration hold = forDuration == null ? Duration.ZERO : duration("for", forDuration, errors);
        Duration keep = keepFiringFor == null
                ? (ruleKind == RuleKind.ANOMALY ? Duration.ofMinutes(5) : Duration.ZERO)
                : duration("keepFiringFor", keepFiringFor, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid rule",
                    errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                            : errors.size() + " fields are invalid").withErrors(errors));
        }
        Condition condition = guard == null ? null : new Condition(guard.metric(), guard.target(), guard.labels(),
                Comparison.of(guard.comparator()), guard.threshold());
        return new Rule(name, ruleKind, ruleMetric, target, labels, comparator == null ? null : Comparison.of(comparator),
                threshold, hold, keep, Severity.of(severity), summary, description, minScore, absent, condition,
                enabled == null || enabled, ruleSource);
    }

    /** The definition of a rule, for the API and for storage. */
    public static RuleDefinition of(Rule r) {
        Guard guard = r.guard() == null ? null : new Guard(r.guard().metric(), r.guard().target(), r.guard().labels(),
                r.guard().comparison().symbol(), r.guard().threshold());
        return new RuleDefinition(r.name(), r.kind().name().toLowerCase().replace('_', '-'), r.metric(), r.target(),
                r.labels(), r.comparison() == null ? null : r.comparison().symbol(), r.threshold(),
                r.forDuration().toString(), r.keepFiringFor().toString(), r.severity().label(), r.summary(),
                r.description(), r.minScore(), r.absentFor() == null ? null : r.absentFor().toString(), guard,
                r.enabled(), r.source());
    }

    private static Duration duration(String field, String value, List<Problem.FieldError> errors) {
        if (value.equals("0") || value.equals("0s") || value.equals("PT0S")) {
            return Duration.ZERO;
        }
        try {
            return TimeExpressions.duration(field, value);
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
            return Duration.ZERO;
        }
    }
}
