package io.crowdpulse.session.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.problem.Problem;

/** The hand-written checks give exactly Bean Validation's answers for the constraints declared on Heartbeat. */
class HeartbeatChecksTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void bootstrap() {
        // The default interpolator, with expression language, as the service's validator had.
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Set<String> beanValidation(Heartbeat h) {
        Set<String> out = new TreeSet<>();
        validator.validate(h).forEach(v -> out.add(v.getPropertyPath() + ": " + v.getMessage()));
        return out;
    }

    private static Set<String> handWritten(Heartbeat h) {
        Set<String> out = new TreeSet<>();
        HeartbeatChecks.violations(h, "").forEach(e -> out.add(e.field() + ": " + e.message()));
        return out;
    }

    @Test
    void shouldAnswerAsBeanValidationDoesForEveryKindOfValue() {
        List<String> ids = List.of("u", "user-1", "a.b_c:d@e-f", "u".repeat(128), "u".repeat(129), "", " ", "u/1",
                "s s", "é", "tab\t", "<script>", "ÿ");
        List<String> agents = new ArrayList<>(List.of("", "Mozilla/5.0 (X11)", "a".repeat(512), "a".repeat(513)));
        agents.add(null);
        List<String> ips = new ArrayList<>(List.of("10.1.2.3", "::1", "fe80::1", "1", "", "<script>", "1".repeat(64),
                "1".repeat(65), "x".repeat(65), "10.0.0.1 ", "G::1"));
        ips.add(null);
        int checked = 0;
        for (String id : ids) {
            for (Heartbeat h : List.of(new Heartbeat(id, "o", "s", "m", null, null),
                    new Heartbeat("u", id, "s", "m", null, null), new Heartbeat("u", "o", id, "m", null, null),
                    new Heartbeat("u", "o", "s", id, null, null), new Heartbeat(id, id, id, id, null, null))) {
                assertEquals(beanValidation(h), handWritten(h), h.toString());
                checked++;
            }
        }
        for (String ua : agents) {
            for (String ip : ips) {
                Heartbeat h = new Heartbeat("u", "o", "s", "m", ua, ip);
                assertEquals(beanValidation(h), handWritten(h), h.toString());
                checked++;
            }
        }
        Heartbeat nothing = new Heartbeat(null, null, null, null, "a".repeat(600), "zz".repeat(40));
        assertEquals(beanValidation(nothing), handWritten(nothing));
        assertTrue(checked > 100);
    }

    @Test
    void shouldNameFieldsInOrderWithThePrefixOfTheirBatchPosition() {
        List<Problem.FieldError> errors = HeartbeatChecks.violations(
                new Heartbeat("bad user", null, "s", "m", null, "<ip>"), "[3].");
        assertEquals(List.of("[3].ipAddress", "[3].organizationId", "[3].userId"),
                errors.stream().map(Problem.FieldError::field).toList());
    }
}
