package io.crowdpulse.common.problem;

import java.util.List;

/** Thrown by services and resources to answer with a given problem; mapped to problem+json as it is. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final int retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    /** A problem answered with {@code Retry-After: retryAfterSeconds} (none when 0). */
    public ProblemException(Problem problem, int retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds the client should wait before it asks again; 0 when the response carries no {@code Retry-After}. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "too-large", "Request too large", detail));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail));
    }

    /** A 503 that tells the client when to come back. */
    public static ProblemException unavailable(String kind, String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of(503, kind, "Service unavailable", detail), retryAfterSeconds);
    }
}
