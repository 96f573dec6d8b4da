package io.crowdpulse.alerting.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.alerting.evaluation.AlertChange.Kind;
import io.crowdpulse.alerting.rules.Condition;
import io.crowdpulse.alerting.rules.Rule;
import io.crowdpulse.alerting.silences.Silence;
import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.events.MetricSample;

/**
 * Evaluates rules against samples and anomaly events as they arrive, and against time on every
 * {@link #tick()}, and keeps one alert per rule and series (its fingerprint) through pending, firing and
 * resolved. It also marks alerts flapping (too many state changes in a window), inhibited (a firing
 * critical alert on the same target) and silenced. Plain Java with an injectable clock; every method
 * returns the alerts it changed, for the caller to store and then publish.
 */
public final class RuleEngine {

    /** Value-only refreshes of an active alert are stored at most this often. */
    static final Duration VALUE_REFRESH = Duration.ofSeconds(10);
    /** A series that stops reporting stops breaching after this long, as a vanished series does in Prometheus. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** A series, as guards look up the latest values. */
    private record SeriesId(String metric, String target, Map<String, String> labels) {
    }

    /** A series a no-data rule watches, and when it last reported. */
    private record Watched(Rule rule, String metric, String target, Map<String, String> labels, Instant lastSeen) {
    }

    private final Clock clock;
    private final Duration flapWindow;
    private final int flapThreshold;
    private RuleIndex rules = new RuleIndex(List.of());
    private List<Silence> silences = List.of();
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<SeriesId, Double> latestValues = new HashMap<>();
    private final Map<String, Watched> watched = new HashMap<>();
    private final Instant startedAt;

    /** What the engine remembers of one fingerprint. */
    private static final class Tracked {
        final String fingerprint;
        Alert alert;
        boolean breaching;
        Instant lastBreach;
        Instant lastEvaluated;
        Instant valueStoredAt;
        final Deque<Instant> flips = new ArrayDeque<>();

        Tracked(String fingerprint) {
            this.fingerprint = fingerprint;
        }
    }

    private RuleEngine(Builder b) {
        this.clock = b.clock;
        this.flapWindow = b.flapWindow;
        this.flapThreshold = b.flapThreshold;
        this.startedAt = clock.instant();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public synchronized void setRules(List<Rule> all) {
        this.rules = new RuleIndex(all);
        Instant now = clock.instant();
        for (Rule rule : rules.noDataRules()) {
            if (rule.target() != null && !rule.hasWildcard()) {
                // A named series that never reports at all is silent too: watch it from now.
                watched.putIfAbsent(Fingerprints.of(rule.name(), rule.metric(), rule.target(), rule.labels()),
                        new Watched(rule, rule.metric(), rule.target(), rule.labels(), now));
            }
        }
        watched.values().removeIf(w -> rules.rule(w.rule().name()) == null);
    }

    public synchronized int ruleCount() {
        return rules.size();
    }

    /** Takes over the active alerts stored by a previous leader, so nothing fires twice. */
    public synchronized void restore(Collection<Alert> active) {
        Instant now = clock.instant();
        tracked.clear(); // whatever this replica knew from an earlier term is stale
        for (Alert alert : active) {
            Tracked t = tracked.computeIfAbsent(alert.fingerprint(), Tracked::new);
            t.alert = alert;
            // Assume it still breaches: the next sample or keep-firing-for decides.
            t.breaching = true;
            t.lastBreach = now;
            t.lastEvaluated = now;
            t.valueStoredAt = now;
        }
    }

    /** Evaluates one snapshot's samples against the value rules. */
    public synchronized List<AlertChange> onSamples(List<MetricSample> samples) {
        Instant now = clock.instant();
        List<AlertChange> changes = new ArrayList<>();
        for (MetricSample s : samples) {
            latestValues.put(new SeriesId(s.metric(), s.target(), s.labels()), s.value());
        }
        for (MetricSample s : samples) {
            for (Rule rule : rules.valueRulesFor(s.metric())) {
                if (!rule.matches(s.metric(), s.target(), s.labels())) {
                    continue;
                }
                boolean breaching = rule.comparison().holds(s.value(), rule.threshold()) && guardHolds(rule.guard());
                evaluate(rule, s.metric(), s.target(), s.labels(), s.value(), breaching, now, changes);
            }
            for (Rule rule : rules.noDataRules()) {
                if (rule.matches(s.metric(), s.target(), s.labels())) {
                    String fingerprint = Fingerprints.of(rule.name(), s.metric(), s.target(), s.labels());
                    watched.put(fingerprint, new Watched(rule, s.metric(), s.target(), s.labels(), now));
                    evaluate(rule, s.metric(), s.target(), s.labels(), s.value(), false, now, changes);
                }
            }
        }
        return settle(changes, now);
    }

    /** Evaluates one anomaly event against the anomaly rules. */
    public synchronized List<AlertChange> onAnomaly(AnomalyEvent anomaly) {
        Instant now = clock.instant();
        List<AlertChange> changes = new ArrayList<>();
        for (Rule rule : rules.anomalyRules()) {
            if (rule.matches(anomaly.metric(), anomaly.target(), Map.of())
                    && anomaly.score() >= (rule.minScore() == null ? 0 : rule.minScore())) {
                evaluate(rule, anomaly.metric(), anomaly.target(), Map.of(), anomaly.value(), true, now, changes);
                // An anomaly is a moment, not a state: the alert holds for keep-firing-for after the last one.
                Tracked t = tracked.get(Fingerprints.of(rule.name(), anomaly.metric(), anomaly.target(), Map.of()));
                if (t != null) {
                    t.breaching = false;
                }
            }
        }
        return settle(changes, now);
    }

    /**
     * Time-driven transitions: pending alerts whose {@code for} has elapsed fire, firing ones past
     * {@code keep-firing-for} without a breach resolve, silent series of no-data rules fire, silences
     * start and end, flapping settles, and changed values are refreshed in storage now and then.
     */
    public synchronized List<AlertChange> tick() {
        Instant now = clock.instant();
        List<AlertChange> changes = new ArrayList<>();
        for (Map.Entry<String, Watched> entry : List.copyOf(watched.entrySet())) {
            Watched w = entry.getValue();
            if (Duration.between(w.lastSeen(), now).compareTo(w.rule().absentFor()) >= 0) {
                evaluate(w.rule(), w.metric(), w.target(), w.labels(), Double.NaN, true, now, changes);
            }
        }
        for (Tracked t : List.copyOf(tracked.values())) {
            if (t.alert == null || !t.alert.active()) {
                continue;
            }
            Rule rule = rules.rule(t.alert.rule());
            if (rule == null) {
                transition(t, AlertState.RESOLVED, t.alert.value(), now, changes, null, "rule removed or disabled");
                continue;
            }
            if (t.breaching && t.lastEvaluated != null && Duration.between(t.lastEvaluated, now).compareTo(STALE_AFTER) >= 0) {
                t.breaching = false; // the series went away
            }
            advance(rule, t, t.alert.value(), now, changes);
            if (t.alert.active() && Duration.between(t.valueStoredAt, now).compareTo(VALUE_REFRESH) >= 0
                    && t.alert.updatedAt().isAfter(t.valueStoredAt)) {
                t.valueStoredAt = now;
                changes.add(new AlertChange(t.alert, Kind.VALUE, null, null));
            }
        }
        return settle(changes, now);
    }

    /** An operator acknowledges an active alert: it keeps firing, but people know. */
    public synchronized Optional<AlertChange> acknowledge(UUID id, String actor, String note) {
        Instant now = clock.instant();
        return find(id).filter(t -> t.alert.active()).map(t -> {
            Alert a = t.alert;
            t.alert = copy(a, a.state(), a.value(), a.firingAt(), a.endsAt(), now, actor, now, a.resolvedBy(), note,
                    a.silenced(), a.inhibited(), a.flapping());
            return new AlertChange(t.alert, Kind.ACKNOWLEDGED, actor, note);
        });
    }

    /** An operator resolves an active alert by hand; a later breach starts a new alert. */
    public synchronized List<AlertChange> resolve(UUID id, String actor, String note) {
        Instant now = clock.instant();
        List<AlertChange> changes = new ArrayList<>();
        find(id).filter(t -> t.alert.active()).ifPresent(t -> {
            Alert a = t.alert;
            t.alert = copy(a, AlertState.RESOLVED, a.value(), a.firingAt(), now, now, a.acknowledgedBy(),
                    a.acknowledgedAt(), actor, note, a.silenced(), a.inhibited(), a.flapping());
            t.breaching = false;
            changes.add(new AlertChange(t.alert, Kind.STATE, actor, note));
        });
        return settle(changes, now);
    }

    /** Replaces the silences and re-marks the active alerts they cover. */
    public synchronized List<AlertChange> setSilences(List<Silence> all) {
        this.silences = List.copyOf(all);
        return settle(new ArrayList<>(), clock.instant());
    }

    public synchronized List<Alert> activeAlerts() {
        return tracked.values().stream().filter(t -> t.alert != null && t.alert.active()).map(t -> t.alert).toList();
    }

    private Optional<Tracked> find(UUID id) {
        return tracked.values().stream().filter(t -> t.alert != null && t.alert.id().equals(id)).findFirst();
    }

    private boolean guardHolds(Condition guard) {
        if (guard == null) {
            return true;
        }
        for (Map.Entry<SeriesId, Double> latest : latestValues.entrySet()) {
            SeriesId id = latest.getKey();
            if (guard.matches(id.metric(), id.target(), id.labels()) && guard.comparison().holds(latest.getValue(), guard.threshold())) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(Rule rule, String metric, String target, Map<String, String> labels, double value,
            boolean breaching, Instant now, List<AlertChange> changes) {
        String fingerprint = Fingerprints.of(rule.name(), metric, target, labels);
        Tracked t = tracked.get(fingerprint);
        if (t == null) {
            if (!breaching) {
                return;
            }
            t = new Tracked(fingerprint);
            tracked.put(fingerprint, t);
        }
        t.breaching = breaching;
        t.lastEvaluated = now;
        if (breaching) {
            t.lastBreach = now;
            if (t.alert == null || !t.alert.active()) {
                t.alert = newAlert(rule, fingerprint, metric, target, labels, value, now);
                t.valueStoredAt = now;
                recordFlip(t, now);
                changes.add(new AlertChange(t.alert, Kind.STATE, null, null));
            } else if (!Double.isNaN(value) && value != t.alert.value()) {
                t.alert = copy(t.alert, t.alert.state(), value, t.alert.firingAt(), t.alert.endsAt(), now,
                        t.alert.acknowledgedBy(), t.alert.acknowledgedAt(), t.alert.resolvedBy(), t.alert.note(),
                        t.alert.silenced(), t.alert.inhibited(), t.alert.flapping());
            }
        }
        if (t.alert != null && t.alert.active()) {
            advance(rule, t, Double.isNaN(value) ? t.alert.value() : value, now, changes);
        }
    }

    /**
     * Moves an active alert along: pending → firing once it has breached for {@code for}, pending →
     * resolved if it clears first, firing → resolved once clear for {@code keep-firing-for}.
     */
    private void advance(Rule rule, Tracked t, double value, Instant now, List<AlertChange> changes) {
        Alert a = t.alert;
        if (a.state() == AlertState.PENDING) {
            if (!t.breaching) {
                transition(t, AlertState.RESOLVED, value, now, changes, null, "cleared before firing");
            } else if (Duration.between(a.startsAt(), now).compareTo(rule.forDuration()) >= 0) {
                transition(t, AlertState.FIRING, value, now, changes, null, null);
            }
        } else if (a.state() == AlertState.FIRING && !t.breaching
                && Duration.between(t.lastBreach, now).compareTo(rule.keepFiringFor()) >= 0) {
            transition(t, AlertState.RESOLVED, value, now, changes, null, null);
        }
    }

    private void transition(Tracked t, AlertState to, double value, Instant now, List<AlertChange> changes,
            String actor, String note) {
        Alert a = t.alert;
        Instant firingAt = to == AlertState.FIRING ? now : a.firingAt();
        Instant endsAt = to == AlertState.RESOLVED ? now : null;
        t.alert = copy(a, to, value, firingAt, endsAt, now, a.acknowledgedBy(), a.acknowledgedAt(), a.resolvedBy(),
                note == null ? a.note() : note, a.silenced(), a.inhibited(), a.flapping());
        t.valueStoredAt = now;
        recordFlip(t, now);
        changes.add(new AlertChange(t.alert, Kind.STATE, actor, note));
    }

    private void recordFlip(Tracked t, Instant now) {
        t.flips.addLast(now);
        while (!t.flips.isEmpty() && Duration.between(t.flips.peekFirst(), now).compareTo(flapWindow) > 0) {
            t.flips.removeFirst();
        }
    }

    /**
     * Recomputes the suppression flags of every active alert after a change: flapping (at least
     * {@code flap-threshold} state changes within {@code flap-window}), inhibited (a firing critical
     * alert on the same target), silenced (an active silence matches). A flag change is a change too.
     */
    private List<AlertChange> settle(List<AlertChange> changes, Instant now) {
        Map<String, AlertChange> byFingerprint = new java.util.LinkedHashMap<>();
        for (AlertChange c : changes) {
            byFingerprint.merge(c.alert().fingerprint(), c, (first, second) -> second.kind() == Kind.STATE
                    || first.kind() != Kind.STATE ? second : new AlertChange(second.alert(), Kind.STATE, second.actor(), second.note()));
        }
        java.util.Set<String> criticalTargets = new java.util.HashSet<>();
        for (Tracked t : tracked.values()) {
            if (t.alert != null && t.alert.state() == AlertState.FIRING && t.alert.severity() == Severity.CRITICAL) {
                criticalTargets.add(t.alert.target());
            }
        }
        List<AlertChange> out = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.alert == null) {
                continue;
            }
            AlertChange change = byFingerprint.get(t.fingerprint);
            if (!t.alert.active() && change == null) {
                continue;
            }
            while (!t.flips.isEmpty() && Duration.between(t.flips.peekFirst(), now).compareTo(flapWindow) > 0) {
                t.flips.removeFirst();
            }
            Alert a = t.alert;
            boolean flapping = t.flips.size() >= flapThreshold;
            boolean inhibited = a.active() && a.severity() != Severity.CRITICAL && criticalTargets.contains(a.target());
            boolean silenced = a.active() && silences.stream().anyMatch(s -> s.activeAt(now) && s.matches(a));
            if (flapping != a.flapping() || inhibited != a.inhibited() || silenced != a.silenced()) {
                t.alert = copy(a, a.state(), a.value(), a.firingAt(), a.endsAt(), a.updatedAt(), a.acknowledgedBy(),
                        a.acknowledgedAt(), a.resolvedBy(), a.note(), silenced, inhibited, flapping);
                change = change == null ? new AlertChange(t.alert, Kind.FLAGS, null, null)
                        : new AlertChange(t.alert, change.kind(), change.actor(), change.note());
            } else if (change != null) {
                change = new AlertChange(t.alert, change.kind(), change.actor(), change.note());
            }
            if (change != null) {
                out.add(change);
            }
        }
        // A resolved alert with a calm history is forgotten; its fingerprint's next breach starts afresh.
        tracked.values().removeIf(t -> t.alert != null && !t.alert.active() && t.flips.isEmpty());
        return out;
    }

    private Alert newAlert(Rule rule, String fingerprint, String metric, String target, Map<String, String> labels,
            double value, Instant now) {
        Map<String, String> values = Map.of("value", Templates.number(value), "threshold",
                rule.threshold() == null ? "" : Templates.number(rule.threshold()), "metric", metric, "target", target,
                "rule", rule.name(), "severity", rule.severity().label());
        return new Alert(UUID.randomUUID(), fingerprint, rule.name(), rule.severity(), AlertState.PENDING, metric, target,
                labels, Double.isNaN(value) ? 0 : value, rule.threshold(), Templates.fill(rule.summary(), values, labels),
                Templates.fill(rule.description(), values, labels), now, null, null, now, null, null, null, null,
                false, false, false);
    }

    private static Alert copy(Alert a, AlertState state, double value, Instant firingAt, Instant endsAt, Instant updatedAt,
            String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, String note, boolean silenced,
            boolean inhibited, boolean flapping) {
        return new Alert(a.id(), a.fingerprint(), a.rule(), a.severity(), state, a.metric(), a.target(), a.labels(),
                value, a.threshold(), a.summary(), a.description(), a.startsAt(), firingAt, endsAt, updatedAt,
                acknowledgedBy, acknowledgedAt, resolvedBy, note, silenced, inhibited, flapping);
    }

    /** Builds a {@link RuleEngine}; every setter checks its argument. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration flapWindow = Duration.ofMinutes(10);
        private int flapThreshold = 6;

        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock);
            return this;
        }

        /** The window state changes are counted over for flapping. */
        public Builder flapWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("flap window must be positive: " + window);
            }
            this.flapWindow = window;
            return this;
        }

        /** How many state changes within the window make an alert flapping. */
        public Builder flapThreshold(int changes) {
            if (changes < 2) {
                throw new IllegalArgumentException("flap threshold must be at least 2: " + changes);
            }
            this.flapThreshold = changes;
            return this;
        }

        public RuleEngine build() {
            return new RuleEngine(this);
        }
    }
}
