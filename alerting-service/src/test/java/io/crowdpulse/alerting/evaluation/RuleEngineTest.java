package io.crowdpulse.alerting.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crowdpulse.alerting.alerts.Alert;
import io.crowdpulse.alerting.alerts.AlertState;
import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.alerting.rules.Comparison;
import io.crowdpulse.alerting.rules.Condition;
import io.crowdpulse.alerting.rules.Rule;
import io.crowdpulse.alerting.rules.RuleKind;
import io.crowdpulse.alerting.silences.Silence;
import io.crowdpulse.common.events.AnomalyEvent;
import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.testing.MutableClock;

class RuleEngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RuleEngine engine = RuleEngine.newBuilder().clock(clock).flapWindow(Duration.ofMinutes(10))
            .flapThreshold(4).build();

    private static Rule threshold(String name, String metric, Comparison c, double threshold, Duration forDuration,
            Duration keepFiringFor, Severity severity) {
        return new Rule(name, RuleKind.THRESHOLD, metric, null, Map.of(), c, threshold, forDuration, keepFiringFor,
                severity, "{{metric}} of {{target}} is {{value}} (over {{threshold}})", null, null, null, null, true, "api");
    }

    private List<AlertChange> sample(String metric, String target, double value) {
        return engine.onSamples(List.of(new MetricSample(metric, target, Map.of(), value)));
    }

    private void pass(Duration d) {
        clock.advance(d);
    }

    private static AlertState state(List<AlertChange> changes) {
        return changes.get(changes.size() - 1).alert().state();
    }

    @Test
    void shouldFireAtOnceWithoutForAndFillTheSummary() {
        engine.setRules(List.of(threshold("latency", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        List<AlertChange> changes = sample("http.p95_ms", "shop", 900);
        assertEquals(1, changes.size());
        Alert alert = changes.get(0).alert();
        assertEquals(AlertState.FIRING, alert.state());
        assertEquals("http.p95_ms of shop is 900 (over 500)", alert.summary());
        assertTrue(sample("http.p95_ms", "shop", 400).stream().anyMatch(c -> c.alert().state() == AlertState.RESOLVED));
        assertTrue(sample("http.p95_ms", "other", 499).isEmpty());
    }

    @Test
    void shouldStayPendingUntilForHasElapsedAndDropPendingThatClears() {
        engine.setRules(List.of(threshold("cpu", "system.cpu", Comparison.GE, 0.8, Duration.ofSeconds(30), Duration.ZERO, Severity.WARNING)));
        assertEquals(AlertState.PENDING, state(sample("system.cpu", "host", 0.9)));
        pass(Duration.ofSeconds(10));
        assertTrue(sample("system.cpu", "host", 0.95).isEmpty(), "repeats update the alert, they do not duplicate it");
        pass(Duration.ofSeconds(20));
        assertTrue(engine.tick().stream().anyMatch(c -> c.alert().state() == AlertState.FIRING),
                "fires on the tick once for has elapsed, without waiting for a sample");
        assertEquals(1, engine.activeAlerts().size());

        engine.setRules(List.of(threshold("cpu2", "system.cpu", Comparison.GE, 0.8, Duration.ofSeconds(30), Duration.ZERO, Severity.WARNING)));
        engine.tick();
        sample("system.cpu", "host2", 0.9);
        pass(Duration.ofSeconds(5));
        List<AlertChange> cleared = sample("system.cpu", "host2", 0.1);
        assertEquals(AlertState.RESOLVED, state(cleared));
        assertEquals(null, cleared.get(0).alert().firingAt());
    }

    @Test
    void shouldKeepFiringForTheGivenTimeAfterTheConditionClears() {
        engine.setRules(List.of(threshold("errors", "http.error_rate", Comparison.GT, 0.05, Duration.ZERO, Duration.ofSeconds(60), Severity.CRITICAL)));
        sample("http.error_rate", "shop", 0.2);
        pass(Duration.ofSeconds(5));
        assertTrue(sample("http.error_rate", "shop", 0.0).isEmpty(), "still firing within keep-firing-for");
        pass(Duration.ofSeconds(30));
        sample("http.error_rate", "shop", 0.3); // breaches again: the same alert goes on
        assertEquals(1, engine.activeAlerts().size());
        pass(Duration.ofSeconds(59));
        sample("http.error_rate", "shop", 0.0);
        List<AlertChange> refresh = engine.tick();
        assertTrue(refresh.stream().noneMatch(c -> c.kind() == AlertChange.Kind.STATE), "59 s clear: still firing");
        assertTrue(refresh.stream().anyMatch(c -> c.kind() == AlertChange.Kind.VALUE && c.alert().value() == 0.3),
                "the latest breaching value is stored now and then");
        pass(Duration.ofSeconds(2));
        List<AlertChange> resolved = engine.tick();
        assertEquals(AlertState.RESOLVED, state(resolved));
        assertTrue(engine.activeAlerts().isEmpty());
    }

    @Test
    void shouldKeepOneAlertPerRuleAndSeries() {
        engine.setRules(List.of(threshold("latency", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        engine.onSamples(List.of(new MetricSample("http.p95_ms", "shop", Map.of("route", "/a"), 900),
                new MetricSample("http.p95_ms", "shop", Map.of("route", "/b"), 900),
                new MetricSample("http.p95_ms", "shop", Map.of("route", "/a"), 950)));
        assertEquals(2, engine.activeAlerts().size());
        assertEquals(950, engine.activeAlerts().stream().filter(a -> a.labels().get("route").equals("/a")).findFirst()
                .orElseThrow().value());
    }

    @Test
    void shouldResolveByHandAndStartANewAlertOnTheNextBreach() {
        engine.setRules(List.of(threshold("latency", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ofMinutes(5), Severity.WARNING)));
        Alert first = sample("http.p95_ms", "shop", 900).get(0).alert();
        AlertChange ack = engine.acknowledge(first.id(), "ana", "looking").orElseThrow();
        assertEquals(AlertChange.Kind.ACKNOWLEDGED, ack.kind());
        assertEquals("ana", ack.alert().acknowledgedBy());
        assertEquals(AlertState.FIRING, ack.alert().state());
        List<AlertChange> resolved = engine.resolve(first.id(), "ana", "fixed the cache");
        assertEquals(AlertState.RESOLVED, state(resolved));
        assertEquals("ana", resolved.get(0).alert().resolvedBy());
        assertTrue(engine.resolve(UUID.randomUUID(), "ana", "no such").isEmpty());
        pass(Duration.ofSeconds(1));
        Alert second = sample("http.p95_ms", "shop", 900).get(0).alert();
        assertFalse(second.id().equals(first.id()));
        assertEquals(first.fingerprint(), second.fingerprint());
    }

    @Test
    void shouldFireOnAnomaliesAboveTheScoreAndResolveAfterKeepFiringFor() {
        engine.setRules(List.of(new Rule("anomalous-latency", RuleKind.ANOMALY, "http.p99_ms", null, Map.of(), null, null,
                Duration.ZERO, Duration.ofMinutes(5), Severity.WARNING, "unusual {{metric}}", null, 0.8, null, null, true, "api")));
        assertTrue(engine.onAnomaly(AnomalyEvent.of(clock.instant(), "http.p99_ms", "shop", 900, 25, 0.6, "info", "combined", 0.9)).isEmpty());
        assertEquals(AlertState.FIRING, state(engine.onAnomaly(
                AnomalyEvent.of(clock.instant(), "http.p99_ms", "shop", 900, 25, 0.95, "critical", "combined", 0.9))));
        pass(Duration.ofMinutes(4));
        assertTrue(engine.tick().isEmpty());
        pass(Duration.ofMinutes(2));
        assertEquals(AlertState.RESOLVED, state(engine.tick()));
    }

    @Test
    void shouldFireWhenASeriesGoesSilentAndResolveWhenItReturns() {
        engine.setRules(List.of(new Rule("no-sessions", RuleKind.NO_DATA, "sessions.concurrent_users", "session-service",
                Map.of(), null, null, Duration.ZERO, Duration.ZERO, Severity.CRITICAL, "no data from {{target}}", null, null,
                Duration.ofSeconds(30), null, true, "api")));
        sample("sessions.concurrent_users", "session-service", 10);
        pass(Duration.ofSeconds(29));
        assertTrue(engine.tick().isEmpty());
        pass(Duration.ofSeconds(2));
        assertEquals(AlertState.FIRING, state(engine.tick()));
        pass(Duration.ofSeconds(1));
        assertEquals(AlertState.RESOLVED, state(sample("sessions.concurrent_users", "session-service", 12)));
    }

    @Test
    void shouldAlertOnUsersOnlineWithAGuardOnAnotherSeries() {
        Rule lowThroughput = new Rule("low-throughput", RuleKind.THRESHOLD, "http.rps", "shop", Map.of(), Comparison.LT, 10.0,
                Duration.ZERO, Duration.ZERO, Severity.INFO, null, null, null, null,
                new Condition("sessions.concurrent_users", null, Map.of(), Comparison.GT, 0), true, "api");
        engine.setRules(List.of(lowThroughput));
        assertTrue(engine.onSamples(List.of(new MetricSample("sessions.concurrent_users", "session-service", Map.of(), 0),
                new MetricSample("http.rps", "shop", Map.of(), 2))).isEmpty(), "nobody online: low throughput is fine");
        assertEquals(AlertState.FIRING, state(engine.onSamples(List.of(
                new MetricSample("sessions.concurrent_users", "session-service", Map.of(), 120),
                new MetricSample("http.rps", "shop", Map.of(), 2)))));
    }

    @Test
    void shouldMarkAnAlertFlappingWhenItChangesStateTooOften() {
        engine.setRules(List.of(threshold("latency", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        Alert last = null;
        for (int i = 0; i < 3; i++) {
            sample("http.p95_ms", "shop", 900);
            pass(Duration.ofSeconds(10));
            List<AlertChange> changes = sample("http.p95_ms", "shop", 100);
            last = changes.get(changes.size() - 1).alert();
            pass(Duration.ofSeconds(10));
        }
        List<AlertChange> again = sample("http.p95_ms", "shop", 900);
        assertTrue(again.get(again.size() - 1).alert().flapping(), "six changes in a minute");
        assertTrue(again.get(again.size() - 1).alert().suppressed());
        pass(Duration.ofMinutes(11));
        List<AlertChange> settled = engine.tick();
        assertTrue(settled.stream().anyMatch(c -> !c.alert().flapping()), "calm for a whole window: no longer flapping");
        assertFalse(last == null);
    }

    @Test
    void shouldInhibitWarningsOfATargetWithAFiringCritical() {
        engine.setRules(List.of(
                threshold("latency-warning", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ZERO, Severity.WARNING),
                threshold("latency-critical", "http.p95_ms", Comparison.GT, 5000, Duration.ZERO, Duration.ZERO, Severity.CRITICAL)));
        List<AlertChange> changes = sample("http.p95_ms", "shop", 9000);
        Alert warning = changes.stream().map(AlertChange::alert).filter(a -> a.severity() == Severity.WARNING).findFirst().orElseThrow();
        Alert critical = changes.stream().map(AlertChange::alert).filter(a -> a.severity() == Severity.CRITICAL).findFirst().orElseThrow();
        assertTrue(warning.inhibited());
        assertFalse(critical.inhibited());
        List<AlertChange> later = sample("http.p95_ms", "shop", 900); // critical clears, warning remains
        Alert freed = later.stream().map(AlertChange::alert).filter(a -> a.severity() == Severity.WARNING).findFirst().orElseThrow();
        assertFalse(freed.inhibited());
    }

    @Test
    void shouldSilenceMatchingAlertsWhileTheSilenceLasts() {
        engine.setRules(List.of(threshold("latency", "http.p95_ms", Comparison.GT, 500, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        engine.setSilences(List.of(new Silence(UUID.randomUUID(), null, null, null, "shop", Map.of(), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)), "ana", "deploy", null)));
        Alert shop = sample("http.p95_ms", "shop", 900).get(0).alert();
        Alert other = sample("http.p95_ms", "other", 900).get(0).alert();
        assertTrue(shop.silenced());
        assertFalse(other.silenced());
        pass(Duration.ofMinutes(31));
        sample("http.p95_ms", "shop", 901);
        assertTrue(engine.tick().stream().anyMatch(c -> c.alert().target().equals("shop") && !c.alert().silenced()));
    }

    @Test
    void shouldMatchWildcardMetricsAndTakeOverRestoredAlertsWithoutRefiring() {
        engine.setRules(List.of(threshold("queues", "queue.*.size", Comparison.GT, 100, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        Alert fired = sample("queue.mail.size", "shop", 150).get(0).alert();
        assertTrue(sample("queue.mail.depth", "shop", 150).isEmpty());

        RuleEngine successor = RuleEngine.newBuilder().clock(clock).build();
        successor.setRules(List.of(threshold("queues", "queue.*.size", Comparison.GT, 100, Duration.ZERO, Duration.ZERO, Severity.WARNING)));
        successor.restore(List.of(fired));
        assertTrue(successor.onSamples(List.of(new MetricSample("queue.mail.size", "shop", Map.of(), 160))).isEmpty(),
                "the new leader continues the alert instead of firing it again");
        assertEquals(fired.id(), successor.activeAlerts().get(0).id());
    }
}
