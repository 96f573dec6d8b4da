package io.crowdpulse.alerting.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crowdpulse.alerting.rules.Rule;
import io.crowdpulse.alerting.rules.RuleKind;

/**
 * The enabled rules arranged for evaluation: value rules by exact metric name (one hash lookup per
 * sample) plus the few wildcard ones, anomaly rules, and no-data rules; and which metrics guards read.
 */
final class RuleIndex {

    private final Map<String, List<Rule>> valueRulesByMetric = new HashMap<>();
    private final List<Rule> wildcardValueRules = new ArrayList<>();
    private final List<Rule> anomalyRules = new ArrayList<>();
    private final List<Rule> noDataRules = new ArrayList<>();
    private final Map<String, Rule> byName = new HashMap<>();
    private final Map<String, List<Rule>> withWildcards = new HashMap<>();

    RuleIndex(List<Rule> rules) {
        for (Rule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            byName.put(rule.name(), rule);
            if (rule.kind() == RuleKind.ANOMALY) {
                anomalyRules.add(rule);
            } else if (rule.kind() == RuleKind.NO_DATA) {
                noDataRules.add(rule);
            } else if (rule.hasWildcard()) {
                wildcardValueRules.add(rule);
            } else {
                valueRulesByMetric.computeIfAbsent(rule.metric(), m -> new ArrayList<>()).add(rule);
            }
        }
    }

    /** The threshold and concurrent-users rules whose metric (or metric pattern) is {@code metric}. */
    List<Rule> valueRulesFor(String metric) {
        List<Rule> exact = valueRulesByMetric.getOrDefault(metric, List.of());
        if (wildcardValueRules.isEmpty()) {
            return exact;
        }
        // Metric names are few and stable: resolve the wildcards once per name.
        return withWildcards.computeIfAbsent(metric, m -> {
            List<Rule> all = new ArrayList<>(exact);
            for (Rule rule : wildcardValueRules) {
                if (Rule.metricMatches(rule.metric(), m)) {
                    all.add(rule);
                }
            }
            return all;
        });
    }

    List<Rule> anomalyRules() {
        return anomalyRules;
    }

    List<Rule> noDataRules() {
        return noDataRules;
    }

    Rule rule(String name) {
        return byName.get(name);
    }

    int size() {
        return byName.size();
    }
}
