package io.crowdpulse.optimizer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;

class SettingsTest {

    private static final Settings OK = new Settings(Mode.RECOMMEND, Duration.ofSeconds(10), Duration.ofSeconds(60), 0.1,
            Duration.ofMinutes(5), 6, false);

    @Test
    void shouldAcceptSettingsInsideTheirBounds() {
        assertEquals(OK, OK.validate());
        assertEquals(Mode.AUTO, OK.withMode(Mode.AUTO).validate().mode());
        OK.withCooldown(Duration.ZERO).withBudgetPerHour(0).validate();
    }

    @Test
    void shouldNameEveryFieldOutsideItsBounds() {
        ProblemException e = assertThrows(ProblemException.class, () -> OK.withRollbackThreshold(0)
                .withEvaluationInterval(Duration.ofMillis(10)).withBudgetPerHour(-1).validate());
        assertEquals(400, e.problem().status());
        assertEquals(List.of("evaluationInterval", "rollbackThreshold", "budgetPerHour"),
                e.problem().errors().stream().map(Problem.FieldError::field).toList());
        assertThrows(ProblemException.class, () -> OK.withVerificationWindow(Duration.ofHours(2)).validate());
        assertThrows(ProblemException.class, () -> OK.withRollbackThreshold(1.5).validate());
    }

    @Test
    void shouldWriteAndReadDurationsTheWayTheApiShowsThem() {
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertEquals("1m", Durations.format(Duration.ofSeconds(60)));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals(Duration.ofSeconds(90), Durations.parse("x", "90s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("x", "PT2M"));
        assertEquals(Duration.ZERO, Durations.parse("x", "0s"));
        assertThrows(ProblemException.class, () -> Durations.parse("x", "soon"));
    }
}
