package io.crowdpulse.optimizer.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;

/**
 * The optimizer's runtime settings: what {@code GET /api/v1/optimizer/config} shows and a {@code PUT}
 * changes. Immutable; {@link #validate()} names every value outside its bounds.
 */
public record Settings(Mode mode, Duration evaluationInterval, Duration verificationWindow, double rollbackThreshold,
        Duration cooldown, int budgetPerHour, boolean dryRun) {

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final Duration MAX_COOLDOWN = Duration.ofDays(1);
    public static final double MIN_THRESHOLD = 0.01;
    public static final double MAX_THRESHOLD = 1.0;
    public static final int MAX_BUDGET = 1000;

    public static Settings of(OptimizerConfig config) {
        return new Settings(config.mode(), config.evaluationInterval(), config.verificationWindow(),
                config.rollbackThreshold(), config.cooldown(), config.budgetPerHour(), config.dryRun());
    }

    public Settings withMode(Mode value) {
        return new Settings(value, evaluationInterval, verificationWindow, rollbackThreshold, cooldown, budgetPerHour, dryRun);
    }

    public Settings withEvaluationInterval(Duration value) {
        return new Settings(mode, value, verificationWindow, rollbackThreshold, cooldown, budgetPerHour, dryRun);
    }

    public Settings withVerificationWindow(Duration value) {
        return new Settings(mode, evaluationInterval, value, rollbackThreshold, cooldown, budgetPerHour, dryRun);
    }

    public Settings withRollbackThreshold(double value) {
        return new Settings(mode, evaluationInterval, verificationWindow, value, cooldown, budgetPerHour, dryRun);
    }

    public Settings withCooldown(Duration value) {
        return new Settings(mode, evaluationInterval, verificationWindow, rollbackThreshold, value, budgetPerHour, dryRun);
    }

    public Settings withBudgetPerHour(int value) {
        return new Settings(mode, evaluationInterval, verificationWindow, rollbackThreshold, cooldown, value, dryRun);
    }

    public Settings withDryRun(boolean value) {
        return new Settings(mode, evaluationInterval, verificationWindow, rollbackThreshold, cooldown, budgetPerHour, value);
    }

    /** Throws a 400 problem naming every field outside its bounds; returns this when all are inside. */
    public Settings validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (mode == null) {
            errors.add(new Problem.FieldError("mode", "must be off, recommend or auto"));
        }
        between(errors, "evaluationInterval", evaluationInterval, MIN_INTERVAL, MAX_INTERVAL);
        between(errors, "verificationWindow", verificationWindow, MIN_INTERVAL, MAX_INTERVAL);
        between(errors, "cooldown", cooldown, Duration.ZERO, MAX_COOLDOWN);
        if (!(rollbackThreshold >= MIN_THRESHOLD && rollbackThreshold <= MAX_THRESHOLD)) {
            errors.add(new Problem.FieldError("rollbackThreshold", "must be between " + MIN_THRESHOLD + " and " + MAX_THRESHOLD));
        }
        if (budgetPerHour < 0 || budgetPerHour > MAX_BUDGET) {
            errors.add(new Problem.FieldError("budgetPerHour", "must be between 0 and " + MAX_BUDGET));
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", detail).withErrors(errors));
        }
        return this;
    }

    private static void between(List<Problem.FieldError> errors, String field, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            errors.add(new Problem.FieldError(field, "must be between " + Durations.format(min) + " and " + Durations.format(max)));
        }
    }
}
