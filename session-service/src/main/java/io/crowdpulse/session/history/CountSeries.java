package io.crowdpulse.session.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Peak, time-weighted average and trend over a series of count aggregates in time order. Plain
 * arithmetic on exactly the aggregates given: no interpolation, no sampling.
 */
public final class CountSeries {

    /** The highest count and the start of the aggregate where it was first reached. */
    public record Peak(long value, long atSecond) {
    }

    /** A bucket of a trend: the count's min, time-weighted average and max from start to end. */
    public record Bucket(long startSecond, long endSecond, long min, double avg, long max, int samples) {
    }

    /** Least-squares slope of the count in users per hour, and whether it rises, falls or stays flat. */
    public record Trend(double slopePerHour, String direction) {
    }

    private final List<CountAggregate> aggregates;

    public CountSeries(List<CountAggregate> aggregates) {
        this.aggregates = List.copyOf(aggregates);
    }

    /** Turns per-second samples into aggregates: each holds until the next, but at most {@code maxHoldSeconds}. */
    public static CountSeries ofSamples(List<long[]> secondAndValue, long rangeEndSecond, long maxHoldSeconds) {
        List<CountAggregate> out = new ArrayList<>(secondAndValue.size());
        for (int i = 0; i < secondAndValue.size(); i++) {
            long second = secondAndValue.get(i)[0];
            long next = i + 1 < secondAndValue.size() ? secondAndValue.get(i + 1)[0] : rangeEndSecond;
            long held = Math.max(1, Math.min(next - second, maxHoldSeconds));
            out.add(CountAggregate.sample(second, secondAndValue.get(i)[1], held));
        }
        return new CountSeries(out);
    }

    public int samples() {
        return aggregates.stream().mapToInt(CountAggregate::samples).sum();
    }

    /** All aggregates as one, or empty when there are none. */
    public Optional<CountAggregate> total() {
        return aggregates.stream().reduce(CountAggregate::plus);
    }

    public Optional<Peak> peak() {
        Peak peak = null;
        for (CountAggregate a : aggregates) {
            if (peak == null || a.max() > peak.value()) {
                peak = new Peak(a.max(), a.startSecond());
            }
        }
        return Optional.ofNullable(peak);
    }

    /** The time-weighted average count, or empty when nothing was recorded in the range. */
    public Optional<Double> average() {
        double countSeconds = 0;
        long covered = 0;
        for (CountAggregate a : aggregates) {
            countSeconds += a.countSeconds();
            covered += a.coveredSeconds();
        }
        return covered == 0 ? Optional.empty() : Optional.of(countSeconds / covered);
    }

    /** Buckets of {@code stepSeconds} from {@code fromSecond} to {@code toSecond}; empty buckets are left out. */
    public List<Bucket> buckets(long fromSecond, long toSecond, long stepSeconds) {
        List<Bucket> buckets = new ArrayList<>();
        CountAggregate current = null;
        long currentStart = 0;
        for (CountAggregate a : aggregates) {
            if (a.startSecond() < fromSecond || a.startSecond() >= toSecond) {
                continue;
            }
            long start = fromSecond + (a.startSecond() - fromSecond) / stepSeconds * stepSeconds;
            if (current != null && start != currentStart) {
                buckets.add(toBucket(current, currentStart, Math.min(currentStart + stepSeconds, toSecond)));
                current = null;
            }
            current = current == null ? a : current.plus(a);
            currentStart = start;
        }
        if (current != null) {
            buckets.add(toBucket(current, currentStart, Math.min(currentStart + stepSeconds, toSecond)));
        }
        return buckets;
    }

    /**
     * The least-squares slope of the averages over time. Flat when the change it predicts over the whole
     * series is under 5 % of the mean count (and under one user), so noise does not read as a trend.
     */
    public Trend trend() {
        int n = aggregates.size();
        if (n < 2) {
            return new Trend(0, "flat");
        }
        double meanT = 0;
        double meanV = 0;
        for (CountAggregate a : aggregates) {
            meanT += a.startSecond();
            meanV += a.average();
        }
        meanT /= n;
        meanV /= n;
        double sxy = 0;
        double sxx = 0;
        for (CountAggregate a : aggregates) {
            double dt = a.startSecond() - meanT;
            sxy += dt * (a.average() - meanV);
            sxx += dt * dt;
        }
        if (sxx == 0) {
            return new Trend(0, "flat");
        }
        double slopePerSecond = sxy / sxx;
        double span = aggregates.get(n - 1).startSecond() - aggregates.get(0).startSecond();
        double change = slopePerSecond * span;
        String direction = Math.abs(change) < Math.max(1.0, 0.05 * Math.abs(meanV)) ? "flat"
                : change > 0 ? "rising" : "falling";
        return new Trend(slopePerSecond * 3600, direction);
    }

    private static Bucket toBucket(CountAggregate a, long start, long end) {
        return new Bucket(start, end, a.min(), a.average(), a.max(), a.samples());
    }
}
