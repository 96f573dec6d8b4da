package io.crowdpulse.alerting.rules;

/** What a rule watches: a value against a threshold, anomaly events, silence of a series, or users online. */
public enum RuleKind {
    THRESHOLD,
    ANOMALY,
    NO_DATA,
    CONCURRENT_USERS
}
