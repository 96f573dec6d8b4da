package io.crowdpulse.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.crowdpulse.common.problem.ProblemException;

/** A half-open interval [from, to) of a query, parsed from the {@code from}/{@code to} query parameters. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from", "must be before 'to'");
        }
    }

    /** Parses {@code from}/{@code to}, each defaulting to the given expression when absent. */
    public static TimeRange parse(String from, String to, String defaultFrom, String defaultTo, Clock clock) {
        Instant now = clock.instant();
        Clock fixed = Clock.fixed(now, clock.getZone());
        Instant start = TimeExpressions.instant("from", from == null || from.isBlank() ? defaultFrom : from, fixed);
        Instant end = TimeExpressions.instant("to", to == null || to.isBlank() ? defaultTo : to, fixed);
        return new TimeRange(start, end);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
