package io.crowdpulse.session.history;

/**
 * A count over a stretch of time starting at {@code startSecond}: its min and max, and the integral of the
 * count over the {@code coveredSeconds} it held (so averages are time-weighted). A per-second sample is an
 * aggregate of one value; a per-minute rollup is an aggregate of up to sixty.
 */
public record CountAggregate(long startSecond, long min, long max, double countSeconds, long coveredSeconds,
        int samples) {

    /** One sample of {@code value} that held for {@code heldSeconds}. */
    public static CountAggregate sample(long second, long value, long heldSeconds) {
        return new CountAggregate(second, value, value, (double) value * heldSeconds, heldSeconds, 1);
    }

    public double average() {
        return coveredSeconds == 0 ? min : countSeconds / coveredSeconds;
    }

    /** This aggregate and {@code other} as one, starting at the earlier start. */
    public CountAggregate plus(CountAggregate other) {
        return new CountAggregate(Math.min(startSecond, other.startSecond), Math.min(min, other.min),
                Math.max(max, other.max), countSeconds + other.countSeconds, coveredSeconds + other.coveredSeconds,
                samples + other.samples);
    }
}
