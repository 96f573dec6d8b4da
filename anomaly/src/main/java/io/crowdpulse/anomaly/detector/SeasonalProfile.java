package io.crowdpulse.anomaly.detector;

/**
 * The average shape of one candidate period (an hour, a day): per phase bin, how far values sit from the slowly
 * moving level, learned from the points' timestamps so gaps do not shift the phase.
 *
 * <p>A bin's points are folded into its offset only once its period is over, so the profile used at any time holds
 * earlier periods only: points that merely resemble their neighbours (autocorrelation, a level shift) cannot pass
 * for a cycle. It also measures how much the shape explains: the ratio of squared deviations from the level with
 * and without the profile subtracted. Memory: 28 bytes per bin, at most {@value #MAX_BINS} bins.
 */
final class SeasonalProfile {

    static final int MAX_BINS = 288;
    private static final double BIN_ALPHA = 0.15;

    private final long periodMillis;
    private final int bins;
    private final long binMillis;
    private final boolean smooth;
    private final double[] offset;
    private final int[] visits;
    private final double[] pendingSum;
    private final int[] pendingCount;
    private final int[] pendingPeriod;
    private final double levelAlpha;
    private final double fitAlpha;
    private double offsetSum;
    private int visitedBins;
    private double level;
    private long levelCount;
    private double withoutProfile;
    private double withProfile;
    private long compared;
    private long firstTimestamp = Long.MIN_VALUE;
    private long lastTimestamp;

    /**
     * @param periodMillis the period (e.g. a day)
     * @param intervalMillis the series' sampling interval
     */
    SeasonalProfile(long periodMillis, long intervalMillis) {
        this.periodMillis = periodMillis;
        long pointsPerPeriod = Math.max(1L, periodMillis / Math.max(1L, intervalMillis));
        this.bins = (int) Math.min(MAX_BINS, pointsPerPeriod);
        this.binMillis = Math.max(1L, periodMillis / bins);
        // Narrow bins are visited rarely and learn noisily; reading them through their neighbours halves the noise.
        this.smooth = bins >= 96;
        this.offset = new double[bins];
        this.visits = new int[bins];
        this.pendingSum = new double[bins];
        this.pendingCount = new int[bins];
        this.pendingPeriod = new int[bins];
        this.levelAlpha = 1.0 / pointsPerPeriod;
        this.fitAlpha = 1.0 / (2.0 * pointsPerPeriod);
    }

    long periodMillis() {
        return periodMillis;
    }

    /** The centred seasonal offset at this time (0 where the phase has not been seen in an earlier period). */
    double offset(long timestampMillis) {
        if (visitedBins == 0) {
            return 0.0;
        }
        return raw(bin(timestampMillis)) - offsetSum / visitedBins;
    }

    void learn(long timestampMillis, double value) {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = timestampMillis;
        }
        lastTimestamp = timestampMillis;
        levelCount++;
        if (levelCount == 1) {
            level = value;
        }
        int b = bin(timestampMillis);
        int period = (int) Math.floorDiv(timestampMillis, periodMillis);
        if (pendingCount[b] > 0 && pendingPeriod[b] != period) {
            fold(b);
        }
        double r = value - level;
        if (visits[b] > 0) {
            // Both residuals are taken around the profile's mean, which the level does not include.
            double centred = r - offsetSum / visitedBins;
            double residual = r - raw(b);
            withoutProfile += fitAlpha * (centred * centred - withoutProfile);
            withProfile += fitAlpha * (residual * residual - withProfile);
            compared++;
        }
        pendingSum[b] += r;
        pendingCount[b]++;
        pendingPeriod[b] = period;
        double a = Math.max(levelAlpha, 1.0 / levelCount);
        level += a * (value - raw(b) - level);
    }

    private void fold(int b) {
        double mean = pendingSum[b] / pendingCount[b];
        pendingSum[b] = 0.0;
        pendingCount[b] = 0;
        if (visits[b] == 0) {
            visitedBins++;
        }
        visits[b]++;
        double before = offset[b];
        offset[b] += Math.max(BIN_ALPHA, 1.0 / visits[b]) * (mean - before);
        offsetSum += offset[b] - before;
    }

    /** Periods of data seen so far. */
    double periodsSeen() {
        return firstTimestamp == Long.MIN_VALUE ? 0.0 : (double) (lastTimestamp - firstTimestamp) / periodMillis;
    }

    /** Share of the deviation from the level the profile explains (1 − with/without), 0 before comparisons. */
    double strength() {
        if (compared < bins || withoutProfile <= 0.0) {
            return 0.0;
        }
        return 1.0 - withProfile / withoutProfile;
    }

    private double raw(int b) {
        if (!smooth) {
            return offset[b];
        }
        int before = b == 0 ? bins - 1 : b - 1;
        int after = b + 1 == bins ? 0 : b + 1;
        double sum = offset[b];
        int n = 1;
        if (visits[before] > 0) {
            sum += offset[before];
            n++;
        }
        if (visits[after] > 0) {
            sum += offset[after];
            n++;
        }
        return sum / n;
    }

    private int bin(long timestampMillis) {
        long phase = Math.floorMod(timestampMillis, periodMillis);
        return (int) Math.min(bins - 1, phase / binMillis);
    }
}
