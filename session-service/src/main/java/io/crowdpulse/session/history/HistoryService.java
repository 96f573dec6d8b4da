package io.crowdpulse.session.history;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.overload.DegradedMode;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.session.config.SessionsConfig;
import io.crowdpulse.session.history.HistoryViews.AverageView;
import io.crowdpulse.session.history.HistoryViews.BucketView;
import io.crowdpulse.session.history.HistoryViews.PeakView;
import io.crowdpulse.session.history.HistoryViews.TrendView;

/**
 * Peak, average and trend of the concurrent users (overall or of one module) over any range. Ranges
 * the per-second samples cover, up to {@code sample-max-range}, read the samples; longer or older ones
 * read the per-minute rollups. Blocking: call it from a worker thread. In degraded mode the rollup reads
 * (the expensive, least urgent queries) are refused at once with a 503.
 */
@ApplicationScoped
public class HistoryService {

    static final String SAMPLES = "samples";
    static final String ROLLUPS = "rollups";
    private static final int MAX_BUCKETS = 2000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SampleStore samples;
    private final RollupRepository rollups;
    private final Clock clock;
    private final Duration sampleMaxRange;
    private final Duration sampleRetention;
    private final DegradedMode degraded;

    public HistoryService(SampleStore samples, RollupRepository rollups, Clock clock, SessionsConfig config,
            DegradedMode degraded) {
        this.samples = samples;
        this.rollups = rollups;
        this.clock = clock;
        this.degraded = degraded;
        this.sampleMaxRange = config.history().sampleMaxRange();
        this.sampleRetention = config.history().sampleRetention();
    }

    public PeakView peak(TimeRange range, String moduleId) {
        Read read = read(range, moduleId);
        var peak = read.series().peak();
        return new PeakView(range.from(), range.to(), moduleId, peak.map(CountSeries.Peak::value).orElse(null),
                peak.map(p -> Instant.ofEpochSecond(p.atSecond())).orElse(null), read.source(), read.series().samples());
    }

    public AverageView average(TimeRange range, String moduleId) {
        Read read = read(range, moduleId);
        return new AverageView(range.from(), range.to(), moduleId, read.series().average().orElse(null), read.source(),
                read.series().samples());
    }

    public TrendView trend(TimeRange range, String moduleId, Duration requestedStep) {
        Read read = read(range, moduleId);
        long stepSeconds = requestedStep == null ? Math.max(1, range.length().toSeconds() / 60) : requestedStep.toSeconds();
        if (read.source().equals(ROLLUPS)) {
            stepSeconds = Math.max(60, (stepSeconds + 59) / 60 * 60);
        }
        if (stepSeconds < 1 || range.length().toSeconds() / stepSeconds > MAX_BUCKETS) {
            throw ProblemException.badRequest("step", "gives more than " + MAX_BUCKETS + " buckets over this range");
        }
        long from = read.fromSecond();
        long to = range.to().getEpochSecond();
        List<BucketView> buckets = new ArrayList<>();
        for (CountSeries.Bucket b : read.series().buckets(from, to, stepSeconds)) {
            buckets.add(new BucketView(Instant.ofEpochSecond(b.startSecond()), Instant.ofEpochSecond(b.endSecond()),
                    b.min(), b.avg(), b.max(), b.samples()));
        }
        CountSeries.Trend trend = read.series().trend();
        return new TrendView(range.from(), range.to(), moduleId, Duration.ofSeconds(stepSeconds).toString(), read.source(),
                trend.direction(), trend.slopePerHour(), buckets);
    }

    private record Read(CountSeries series, String source, long fromSecond) {
    }

    private Read read(TimeRange range, String moduleId) {
        Instant now = clock.instant();
        boolean samplesCover = !range.from().isBefore(now.minus(sampleRetention))
                && range.length().compareTo(sampleMaxRange) <= 0;
        long fromSecond = range.from().getEpochSecond();
        long toSecond = range.to().getEpochSecond();
        if (samplesCover) {
            List<long[]> points = new ArrayList<>();
            for (Sample s : samples.range(fromSecond, toSecond - 1).await().atMost(TIMEOUT)) {
                points.add(new long[] { s.second(), s.users(moduleId) });
            }
            long end = Math.min(toSecond, now.getEpochSecond() + 1);
            return new Read(CountSeries.ofSamples(points, end, RollupWriter.MAX_HOLD_SECONDS), SAMPLES, fromSecond);
        }
        degraded.rejectIfDegraded("history queries beyond " + sampleMaxRange.toHours() + "h (they read PostgreSQL)");
        long fromMinute = fromSecond / 60 * 60;
        try {
            List<CountAggregate> minutes = new ArrayList<>();
            for (RollupRow row : rollups.find(moduleId == null ? RollupRow.ALL : RollupRow.MODULE,
                    moduleId == null ? RollupRow.ALL_ID : moduleId, Instant.ofEpochSecond(fromMinute), range.to())) {
                minutes.add(row.toAggregate());
            }
            return new Read(new CountSeries(minutes), ROLLUPS, fromMinute);
        } catch (SQLException e) {
            throw ProblemException.unavailable("History beyond " + sampleMaxRange.toHours()
                    + "h is read from PostgreSQL, which is unreachable now; shorter ranges still work");
        }
    }
}
