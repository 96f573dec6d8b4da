package io.crowdpulse.alerting.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.alerting.config.AlertingConfig;

/**
 * The rules every installation starts with, built from configuration: latency, errors, CPU, memory,
 * queues, throughput while users are online, and capacity. HTTP rules watch each target's overall
 * series ({@code route: ""}), not every route.
 */
public final class DefaultRules {

    private static final Map<String, String> OVERALL = Map.of("route", "", "module", "", "organization", "");

    private DefaultRules() {
    }

    public static List<Rule> from(AlertingConfig.Defaults d) {
        if (!d.enabled()) {
            return List.of();
        }
        Duration hold = d.forDuration();
        Duration keep = d.keepFiringFor();
        List<Rule> rules = new ArrayList<>();
        rules.add(value("high-latency", "http.p95_ms", OVERALL, Comparison.GT, d.latencyP95WarningMs(), hold, keep,
                Severity.WARNING, "p95 latency of {{target}} is {{value}} ms (over {{threshold}} ms)"));
        rules.add(value("very-high-latency", "http.p95_ms", OVERALL, Comparison.GT, d.latencyP95CriticalMs(), hold, keep,
                Severity.CRITICAL, "p95 latency of {{target}} is {{value}} ms (over {{threshold}} ms)"));
        rules.add(value("high-error-rate", "http.error_rate", OVERALL, Comparison.GT, d.errorRateCritical(), hold, keep,
                Severity.CRITICAL, "{{target}} answers {{value}} of its requests with a 5xx (over {{threshold}})"));
        rules.add(value("high-cpu", "system.cpu", Map.of(), Comparison.GT, d.cpuWarning(), hold, keep,
                Severity.WARNING, "CPU of {{target}} at {{value}} (over {{threshold}})"));
        rules.add(value("high-memory", "system.memory", Map.of(), Comparison.GT, d.memoryWarning(), hold, keep,
                Severity.WARNING, "memory of {{target}} at {{value}} (over {{threshold}})"));
        rules.add(value("long-queue", "queue.*.size", Map.of(), Comparison.GT, d.queueSizeWarning(), hold, keep,
                Severity.WARNING, "{{metric}} of {{target}} is {{value}} (over {{threshold}})"));
        rules.add(new Rule("low-throughput", RuleKind.THRESHOLD, "http.rps", null, OVERALL, Comparison.LT,
                d.throughputMinRps(), hold, keep, Severity.INFO,
                "{{target}} serves {{value}} requests/s while users are online (under {{threshold}})", null, null, null,
                new Condition("sessions.concurrent_users", null, Map.of("module", "", "organization", ""),
                        Comparison.GT, 0), true, "config"));
        rules.add(new Rule("capacity-reached", RuleKind.CONCURRENT_USERS, "sessions.concurrent_users", null,
                Map.of("module", "", "organization", ""), Comparison.GT, d.capacityUsers(), Duration.ZERO, keep,
                Severity.INFO, "{{value}} users online, over the planned {{threshold}}", null, null, null, null, true,
                "config"));
        return rules;
    }

    private static Rule value(String name, String metric, Map<String, String> labels, Comparison comparison,
            double threshold, Duration hold, Duration keep, Severity severity, String summary) {
        return new Rule(name, RuleKind.THRESHOLD, metric, null, labels, comparison, threshold, hold, keep, severity,
                summary, null, null, null, null, true, "config");
    }
}
