package io.crowdpulse.session.history;

import java.time.Instant;

/** One minute of a count as kept in PostgreSQL: scope {@code all} (id {@code *}) or {@code module} (its id). */
public record RollupRow(String scope, String scopeId, Instant minute, long min, double avg, long max,
        long coveredSeconds, int samples) {

    public static final String ALL = "all";
    public static final String MODULE = "module";
    public static final String ALL_ID = "*";

    public CountAggregate toAggregate() {
        return new CountAggregate(minute.getEpochSecond(), min, max, avg * coveredSeconds, coveredSeconds, samples);
    }
}
