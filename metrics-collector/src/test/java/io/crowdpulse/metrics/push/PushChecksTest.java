package io.crowdpulse.metrics.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemExceptionMappers;
import io.crowdpulse.metrics.push.PushRequest.PushedSample;
import io.crowdpulse.metrics.push.PushRequest.Timing;

/**
 * The hand-written checks answer exactly what Bean Validation and the common problem mapper answered for
 * the constraints declared on PushRequest: the same fields, the same messages.
 */
class PushChecksTest {

    private static ValidatorFactory factory;
    private static Validator validator;
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(PushChecksTest.class.getClassLoader(),
            new Class<?>[] { UriInfo.class }, (proxy, method, args) -> "/api/v1/metrics");

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

    /** What the old path answered: Bean Validation's violations through the problem mapper, as a sorted list. */
    private static List<String> beanValidation(PushRequest request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return List.of();
        }
        String body = (String) new ProblemExceptionMappers()
                .constraintViolation(new ConstraintViolationException(violations), URI).getEntity();
        List<String> out = new ArrayList<>();
        try {
            new ObjectMapper().readTree(body).get("errors")
                    .forEach(e -> out.add(e.get("field").asText() + ": " + e.get("message").asText()));
        } catch (JsonProcessingException e) {
            throw new AssertionError(body, e);
        }
        out.sort(null);
        return out;
    }

    private static List<String> handWritten(PushRequest request) {
        return sorted(PushChecks.violations(request));
    }

    private static List<String> sorted(List<Problem.FieldError> errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.field() + ": " + e.message()));
        out.sort(null);
        return out;
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldAnswerAsBeanValidationDoesForSamples() {
        List<String> metrics = Arrays.asList("gauge.x", "http.p99_ms", "a", "a".repeat(128), "a".repeat(129), "Bad Metric",
                "9gauge", "", "gauge-x:y_z.w", "gauge.é", null);
        List<String> targets = Arrays.asList("app", "a/b", "", "t".repeat(128), "t".repeat(129), "app@host:1", null);
        List<Double> values = Arrays.asList(0.0, 1.5, -3.0, 1e15, -1e15, 1.0000001e15, -2e15, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null);
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            tooMany.put("k" + i, "v");
        }
        List<Map<String, String>> labelSets = Arrays.asList(null, Map.of(), labels("queue", "mail"), labels("9bad", "v"),
                labels("ok", "v".repeat(256)), labels("ok", "v".repeat(257)), labels("ok", null), labels("bad key", "x".repeat(300)),
                labels("_x", "", "Y_1", "z"), tooMany);
        int checked = 0;
        for (String metric : metrics) {
            for (String target : targets) {
                check(new PushRequest(List.of(new PushedSample(metric, target, null, 1.0, null)), null));
                checked++;
            }
        }
        for (Double value : values) {
            for (Map<String, String> l : labelSets) {
                check(new PushRequest(List.of(new PushedSample("gauge.x", "app", l, value, null)), null));
                checked++;
            }
        }
        List<PushedSample> mixed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mixed.add(i % 3 == 0 ? new PushedSample("gauge.x", "app", null, 1.0, null)
                    : i % 3 == 1 ? new PushedSample(null, "a b", labels("x-y", "1"), null, null) : null);
        }
        check(new PushRequest(mixed, null));
        assertTrue(checked > 100);
    }

    @Test
    void shouldAnswerAsBeanValidationDoesForTimings() {
        List<Double> durations = Arrays.asList(0.0, 12.5, -1.0, -0.0, 3_600_000.0, 3_600_000.1, Double.NaN,
                Double.POSITIVE_INFINITY, null);
        List<Integer> statuses = Arrays.asList(100, 200, 599, 99, 600, 42, -1, null);
        Map<String, String> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("k" + i, "v");
        }
        for (Double d : durations) {
            for (Integer status : statuses) {
                check(new PushRequest(null, List.of(new Timing("app", null, d, status))));
            }
        }
        for (Map<String, String> l : Arrays.asList(null, labels("module", "tax"), labels("1x", "v"), nine)) {
            check(new PushRequest(null, List.of(new Timing(null, l, 1.0, 200), new Timing("app", l, 1.0, 200))));
        }
        List<Timing> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(new Timing("ok", null, 1.0, 200));
        check(new PushRequest(List.of(new PushedSample("gauge.x", "app", null, Double.NaN, null)), withNull));
    }

    private static void check(PushRequest request) {
        assertEquals(beanValidation(request), handWritten(request), request.toString());
    }
}
