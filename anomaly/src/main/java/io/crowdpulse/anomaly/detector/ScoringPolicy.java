package io.crowdpulse.anomaly.detector;

/**
 * How a detector turns forecast errors into flags: how long it learns before it may flag, how far beyond its own
 * recent history a surprise must go, how long it stays quiet after a flag, and whether it models seasonality.
 *
 * @param warmUpPoints points during which every score is 0 while the models learn (stretched to a whole day when a
 *     day is at most 1.5 times as many points, as at 5-minute sampling)
 * @param minRefractoryPoints the least number of points after a flag during which the same episode is not flagged
 *     again (scores are damped to a fifth)
 * @param maxRefractoryPoints the most such points
 * @param refractoryFraction the refractory period as a share of the points seen so far, clamped to the bounds above
 *     (a stand-in for the unknown length of the series)
 * @param flagProbability the tail probability, under the tail fitted to the series' own recent surprises, at which a
 *     surprise scores 0.5: roughly the rate of false flags per point on data that keeps behaving as it did
 * @param historyHalfLife points after which a past surprise weighs half in that fitted tail
 * @param seasonal whether hourly and daily cycles are learned and removed once detected
 */
public record ScoringPolicy(
        int warmUpPoints,
        int minRefractoryPoints,
        int maxRefractoryPoints,
        double refractoryFraction,
        double flagProbability,
        int historyHalfLife,
        boolean seasonal) {

    public ScoringPolicy {
        checkWarmUp(warmUpPoints);
        checkRefractory(minRefractoryPoints, maxRefractoryPoints);
        checkFraction(refractoryFraction);
        checkProbability(flagProbability);
        checkHalfLife(historyHalfLife);
    }

    /** The policy of {@link Detectors#standard()}. */
    public static ScoringPolicy standard() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    private static int checkWarmUp(int points) {
        return Check.range("warmUpPoints", points, 30, 1_000_000);
    }

    private static void checkRefractory(int min, int max) {
        if (min < 0 || max < min || max > 1_000_000) {
            throw new IllegalArgumentException(
                    "refractory bounds must satisfy 0 <= min <= max <= 1000000: " + min + ", " + max);
        }
    }

    private static double checkFraction(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("refractoryFraction must be in [0, 1]: " + fraction);
        }
        return fraction;
    }

    private static double checkProbability(double probability) {
        if (!(probability >= 1e-12 && probability <= 1e-3)) {
            throw new IllegalArgumentException("flagProbability must be in [1e-12, 1e-3]: " + probability);
        }
        return probability;
    }

    private static int checkHalfLife(int points) {
        return Check.range("historyHalfLife", points, 50, 10_000_000);
    }

    /** Builds a {@link ScoringPolicy}; every setter checks its argument. */
    public static final class Builder {
        private int warmUpPoints = 200;
        private int minRefractoryPoints = 120;
        private int maxRefractoryPoints = 720;
        private double refractoryFraction = 0.1;
        private double flagProbability = 5e-5;
        private int historyHalfLife = 2000;
        private boolean seasonal = true;

        private Builder() {
        }

        /** Points scored 0 while learning (default 200, at least 30). */
        public Builder warmUpPoints(int points) {
            this.warmUpPoints = checkWarmUp(points);
            return this;
        }

        /** Bounds of the quiet period after a flag, in points (default 120 to 720). */
        public Builder refractoryPoints(int min, int max) {
            checkRefractory(min, max);
            this.minRefractoryPoints = min;
            this.maxRefractoryPoints = max;
            return this;
        }

        /** The quiet period as a share of the points seen so far (default 0.1). */
        public Builder refractoryFraction(double fraction) {
            this.refractoryFraction = checkFraction(fraction);
            return this;
        }

        /** Tail probability that scores 0.5 (default 5e-5, in [1e-12, 1e-3]). */
        public Builder flagProbability(double probability) {
            this.flagProbability = checkProbability(probability);
            return this;
        }

        /** Half-life of the surprise history, in points (default 2000, at least 50). */
        public Builder historyHalfLife(int points) {
            this.historyHalfLife = checkHalfLife(points);
            return this;
        }

        /** Whether hourly and daily cycles are learned and removed (default true). */
        public Builder seasonal(boolean seasonal) {
            this.seasonal = seasonal;
            return this;
        }

        public ScoringPolicy build() {
            return new ScoringPolicy(warmUpPoints, minRefractoryPoints, maxRefractoryPoints, refractoryFraction,
                    flagProbability, historyHalfLife, seasonal);
        }
    }
}
