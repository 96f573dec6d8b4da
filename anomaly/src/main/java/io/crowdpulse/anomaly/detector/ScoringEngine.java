package io.crowdpulse.anomaly.detector;

import io.crowdpulse.anomaly.Score;
import io.crowdpulse.anomaly.Severity;
import io.crowdpulse.anomaly.stats.Ewma;
import java.util.Arrays;

/**
 * The learning behaviour every detector shares, around one or more {@link Forecaster}s. Per point it removes the
 * detected cycle ({@link Seasonality}), standardizes each ready forecaster's error, fuses them into one surprise (the
 * weighted mean |z|, each capped at {@value #MAX_Z}), scores it against the series' own history
 * ({@link SurpriseChannels}), and runs the {@link Episode} around a flag: nothing is flagged during warm-up, a flag
 * is followed by a quiet period, and a confirmed change restarts the forecasters at the new level.
 */
final class ScoringEngine {

    static final double MAX_Z = 100.0;
    private static final double AGREE_Z = 3.0;
    private static final double QUIET_DAMPING = 0.2;
    private static final double RELATIVE_SCALE_FLOOR = 0.1;
    private static final int SETTLE_WARM_UP_AT = 20;

    private final String name;
    private final ScoringPolicy policy;
    private final Forecaster[] forecasters;
    private final double[] weights;
    private final boolean[] levelModels;
    private final int primary;
    private final double[] scales;
    private final Seasonality seasonality;
    private final SamplingInterval interval = new SamplingInterval();
    private final Ewma level = Ewma.ofAlpha(0.01);
    private final SurpriseChannels channels;
    private final Episode episode;
    private final RecentPoints recent = new RecentPoints();
    private long points;
    private long warmUp;
    private long relearnUntil;
    private double lastExpected = Double.NaN;

    /**
     * @param forecasters the models whose errors are fused
     * @param weights their weights in the fused surprise
     * @param levelModels which of them model the level (their lag behind a drift feeds the drift channel)
     * @param primary the one whose forecast is reported as the expected value
     */
    ScoringEngine(String name, ScoringPolicy policy, Forecaster[] forecasters, double[] weights,
            boolean[] levelModels, int primary) {
        this.name = name;
        this.policy = policy;
        this.forecasters = forecasters.clone();
        this.weights = weights.clone();
        this.levelModels = levelModels.clone();
        this.primary = primary;
        this.scales = new double[forecasters.length];
        this.seasonality = policy.seasonal() ? new Seasonality() : null;
        this.channels = new SurpriseChannels(policy);
        this.episode = new Episode(policy);
        this.warmUp = policy.warmUpPoints();
    }

    String name() {
        return name;
    }

    Score update(long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            return Score.of(0.0, 0.0, lastExpected, name);
        }
        int steps = interval.advance(timestampMillis);
        points++;
        if (points == SETTLE_WARM_UP_AT) {
            warmUp = warmUpFor(policy.warmUpPoints(), interval.millis());
        }
        double season = seasonality == null ? 0.0 : seasonality.offset(timestampMillis);
        double y = value - season;
        double floor = scaleFloor();

        double weighted = 0.0;
        double weightSum = 0.0;
        double levelGap = 0.0;
        double levelWeight = 0.0;
        double levelScale = Double.MAX_VALUE;
        int ready = 0;
        int agreeing = 0;
        for (int i = 0; i < forecasters.length; i++) {
            Forecaster f = forecasters[i];
            if (!f.ready()) {
                continue;
            }
            double gap = y - f.forecast(steps);
            double scale = Math.max(f.scale(steps), floor);
            double z = Math.min(MAX_Z, Math.abs(gap) / scale);
            double w = weights[i];
            weighted += w * z;
            weightSum += w;
            if (levelModels[i]) {
                levelGap += w * gap;
                levelWeight += w;
                levelScale = Math.min(levelScale, scale);
            }
            ready++;
            if (z >= AGREE_Z) {
                agreeing++;
            }
        }

        boolean scoring = points > warmUp && points > relearnUntil;
        double raw = 0.0;
        if (weightSum > 0.0) {
            channels.observe(weighted / weightSum, levelWeight > 0.0 ? levelGap / levelWeight : Double.NaN, levelScale);
            raw = scoring ? channels.score() : 0.0;
        }
        double score = raw;
        boolean inEpisode = episode.quiet();
        boolean flagged = false;
        if (inEpisode) {
            score = raw * QUIET_DAMPING;
        } else if (raw >= Severity.INFO_SCORE) {
            boolean recovery = episode.isRecovery(y, points);
            // Back where the series was before a reported shift: the end of that episode, not a new one.
            flagged = !recovery;
            inEpisode = recovery;
            score = recovery ? raw * QUIET_DAMPING : raw;
            episode.start(points, recent.median(level.mean()), preScale(floor), recovery);
        }
        if (weightSum > 0.0) {
            // What happens inside a reported episode is not what this series normally does.
            channels.learn(!(inEpisode || flagged), !scoring);
        }

        Forecaster p = forecasters[primary];
        double expected = (p.ready() ? p.forecast(steps) : level.count() > 0 ? level.mean() : Double.NaN) + season;
        lastExpected = expected;
        learn(timestampMillis, value, y, steps, floor);
        return Score.of(score, confidence(ready, agreeing, score >= Severity.INFO_SCORE), expected, name);
    }

    private void learn(long timestampMillis, double value, double y, int steps, double floor) {
        for (Forecaster f : forecasters) {
            f.learn(y, steps);
        }
        level.add(y);
        recent.add(timestampMillis, value, y);
        Episode.Restart restart = episode.observe(y, points);
        if (restart != null) {
            double[] values = restart.recent();
            for (Forecaster f : forecasters) {
                f.reseed(restart.level(), values, values.length, Math.max(floor, restart.minScale()));
            }
            level.reset(restart.level(), Math.max(level.variance(), restart.minScale() * restart.minScale()));
            channels.restart();
        }
        if (seasonality != null
                && seasonality.learn(timestampMillis, value, interval.settled() ? interval.millis() : 0L)) {
            rebase(floor);
        }
    }

    // The cycle in use changed: restart the forecasters on the newly deseasonalized values, and relearn (undelayed,
    // without flagging) the surprises, which were measured against a different baseline.
    private void rebase(double floor) {
        recent.rebase(seasonality);
        double[] values = recent.deseasonalized();
        double target = recent.median(level.mean());
        for (Forecaster f : forecasters) {
            f.reseed(target, values, values.length, floor);
        }
        level.reset(target, level.variance());
        channels.forget();
        relearnUntil = points + Calibrator.DELAY;
    }

    // Where a whole day fits in a little more than the warm-up (5-minute data), learning one full daily cycle before
    // flagging keeps the first evening from looking like a drift.
    static long warmUpFor(int points, long intervalMillis) {
        if (intervalMillis <= 0) {
            return points;
        }
        long day = Seasonality.DAY / intervalMillis;
        return day > points && day <= points * 3L / 2L ? day : points;
    }

    private double scaleFloor() {
        // Float noise on a flat series must not look like a change; a series that is flat for a while but moves
        // now and then is judged against how much it moves overall.
        double tiny = 1e-9 * Math.abs(level.mean()) + 1e-12;
        return Math.max(tiny, RELATIVE_SCALE_FLOOR * level.stddev());
    }

    private double preScale(double floor) {
        int ready = 0;
        for (Forecaster f : forecasters) {
            if (f.ready()) {
                scales[ready++] = Math.min(f.scale(1), level.stddev());
            }
        }
        return Math.max(floor, ready == 0 ? level.stddev() : median(scales, ready));
    }

    private double confidence(int ready, int agreeing, boolean anomalous) {
        if (points <= warmUp || ready == 0) {
            return 0.0;
        }
        double maturity = Math.min(1.0, (double) points / (2.0 * warmUp));
        double agreement = anomalous ? (double) agreeing / ready : (double) (ready - agreeing) / ready;
        return maturity * (0.4 + 0.6 * agreement);
    }

    /** The median of the first {@code n} values, which it sorts in place. */
    static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        int mid = n >>> 1;
        return (n & 1) == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
