package io.crowdpulse.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.crowdpulse.cli.sessions.Activity;

class SimulationModelTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(START);

    @Test
    void shouldKeepThePopulationConstantWhileUsersComeAndGo() {
        SimulationModel model = model(new SimulationSettings(200, 5, 10, Duration.ofSeconds(30), 0.05,
                Duration.ofMinutes(10)), 42);

        List<SimulationStep> steps = run(model, Duration.ofHours(1));

        steps.forEach(step -> assertEquals(200, model.online()));
        long logins = steps.stream().mapToLong(SimulationStep::logins).sum();
        long logouts = steps.stream().mapToLong(s -> s.endedSessions().size()).sum();
        // 5% of 200 users leave per minute: about 600 logouts in an hour.
        assertTrue(logouts > 450 && logouts < 750, "logouts: " + logouts);
        // Everyone who left was replaced, and the replacements logged in within the hour.
        assertTrue(logins - logouts <= 200 && logins - logouts >= 195, "logins " + logins + ", logouts " + logouts);
    }

    @Test
    void shouldSendOneHeartbeatPerUserPerIntervalSpreadEvenly() {
        SimulationModel model = model(new SimulationSettings(300, 3, 5, Duration.ofSeconds(30), 0,
                Duration.ofMinutes(10)), 7);

        List<SimulationStep> steps = run(model, Duration.ofMinutes(10));

        long heartbeats = steps.stream().mapToLong(s -> s.heartbeats().size()).sum();
        long expected = 300 * 600 / 30;
        assertTrue(Math.abs(heartbeats - expected) < expected / 10, "heartbeats: " + heartbeats);
        double perSecond = 300 / 30.0;
        int busiest = steps.stream().mapToInt(s -> s.heartbeats().size()).max().orElseThrow();
        assertTrue(busiest < 3 * perSecond, "busiest second had " + busiest + " heartbeats");
        assertTrue(steps.stream().allMatch(s -> s.endedSessions().isEmpty()), "no churn, no logouts");
    }

    @Test
    void shouldMoveUsersBetweenModules() {
        SimulationModel model = model(new SimulationSettings(100, 6, 5, Duration.ofSeconds(30), 0,
                Duration.ofMinutes(2)), 3);

        List<SimulationStep> steps = run(model, Duration.ofMinutes(20));

        long moves = steps.stream().mapToLong(SimulationStep::moves).sum();
        // One move per user every 2 minutes on average: about 1000 in 20 minutes.
        assertTrue(moves > 700 && moves < 1300, "moves: " + moves);
        Map<String, Set<String>> modulesBySession = new HashMap<>();
        heartbeats(steps).forEach(h -> modulesBySession.computeIfAbsent(h.sessionId(), s -> new HashSet<>())
                .add(h.moduleId()));
        long movedSessions = modulesBySession.values().stream().filter(m -> m.size() > 1).count();
        assertTrue(movedSessions > 80, "sessions seen in more than one module: " + movedSessions);
    }

    @Test
    void shouldUseValidIdentifiersAndNeverHeartbeatAnEndedSession() {
        SimulationModel model = model(new SimulationSettings(150, 20, 30, Duration.ofSeconds(20), 0.2,
                Duration.ofMinutes(1)), 11);

        List<SimulationStep> steps = run(model, Duration.ofMinutes(30));

        Set<String> started = new HashSet<>();
        Set<String> ended = new HashSet<>();
        for (SimulationStep step : steps) {
            for (Activity heartbeat : step.heartbeats()) {
                for (String id : List.of(heartbeat.userId(), heartbeat.organizationId(), heartbeat.sessionId(),
                        heartbeat.moduleId())) {
                    assertTrue(IDENTIFIER.matcher(id).matches(), "invalid identifier: " + id);
                }
                assertEquals(4, UUID.fromString(heartbeat.sessionId()).version());
                assertTrue(heartbeat.userId().matches("user-\\d+"), heartbeat.userId());
                assertTrue(heartbeat.organizationId().matches("org-([1-9]|[12]\\d|30)"), heartbeat.organizationId());
                assertFalse(heartbeat.userAgent().isBlank());
                assertFalse(ended.contains(heartbeat.sessionId()), "heartbeat after logout: " + heartbeat);
                started.add(heartbeat.sessionId());
            }
            for (String session : step.endedSessions()) {
                assertTrue(started.contains(session), "logout of a session that never logged in: " + session);
                assertTrue(ended.add(session), "session ended twice: " + session);
            }
        }
        assertTrue(ended.size() > 500, "logouts: " + ended.size());
        Set<String> modules = new HashSet<>();
        heartbeats(steps).forEach(h -> modules.add(h.moduleId()));
        assertEquals(new HashSet<>(model.moduleIds()), modules);
        assertTrue(modules.contains("accounting") && modules.contains("module-20"), modules.toString());
    }

    @Test
    void shouldSkewUsersTowardsTheFirstOrganizationsAndModules() {
        SimulationModel model = model(new SimulationSettings(5000, 8, 50, Duration.ofSeconds(30), 0,
                Duration.ofHours(1)), 5);

        Map<String, Activity> byUser = new HashMap<>();
        heartbeats(run(model, Duration.ofSeconds(35))).forEach(h -> byUser.putIfAbsent(h.userId(), h));
        List<Activity> users = List.copyOf(byUser.values());

        Map<String, Long> byOrganization = count(users, Activity::organizationId);
        Map<String, Long> byModule = count(users, Activity::moduleId);
        assertEquals(5000, users.size());
        assertTrue(byOrganization.get("org-1") > 5 * byOrganization.getOrDefault("org-50", 0L), byOrganization.toString());
        assertTrue(byOrganization.get("org-1") > byOrganization.get("org-2"), byOrganization.toString());
        String first = model.moduleIds().get(0);
        String last = model.moduleIds().get(7);
        assertTrue(byModule.get(first) > 4 * byModule.get(last), byModule.toString());
    }

    @Test
    void shouldRepeatARunExactlyWithTheSameSeed() {
        SimulationSettings settings = new SimulationSettings(50, 4, 6, Duration.ofSeconds(10), 0.5,
                Duration.ofMinutes(1));

        List<SimulationStep> first = run(model(settings, 99), Duration.ofMinutes(5));
        clock.advance(Duration.between(clock.instant(), START));
        List<SimulationStep> second = run(model(settings, 99), Duration.ofMinutes(5));

        assertEquals(first, second);
    }

    @Test
    void shouldReSpreadHeartbeatsAfterAStall() {
        SimulationModel model = model(new SimulationSettings(600, 2, 2, Duration.ofSeconds(30), 0,
                Duration.ofHours(1)), 1);
        run(model, Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(5));
        SimulationStep afterStall = model.advance();
        List<SimulationStep> next = run(model, Duration.ofSeconds(30));

        // Every user is late once, then they spread out again instead of firing together every interval.
        assertEquals(600, afterStall.heartbeats().size());
        int busiest = next.stream().mapToInt(s -> s.heartbeats().size()).max().orElseThrow();
        assertTrue(busiest < 60, "busiest second after the stall: " + busiest);
    }

    private SimulationModel model(SimulationSettings settings, long seed) {
        return new SimulationModel(settings, clock, new Random(seed));
    }

    private List<SimulationStep> run(SimulationModel model, Duration length) {
        List<SimulationStep> steps = new ArrayList<>();
        Instant end = clock.instant().plus(length);
        while (clock.instant().isBefore(end)) {
            steps.add(model.advance());
            clock.advance(TICK);
        }
        return steps;
    }

    private static List<Activity> heartbeats(List<SimulationStep> steps) {
        return steps.stream().flatMap(s -> s.heartbeats().stream()).toList();
    }

    private static Map<String, Long> count(List<Activity> heartbeats,
                                           Function<Activity, String> key) {
        Map<String, Long> counts = new HashMap<>();
        heartbeats.forEach(h -> counts.merge(key.apply(h), 1L, Long::sum));
        return counts;
    }
}
