package io.crowdpulse.anomaly.eval;

/** The behaviours the synthetic labeled set covers. */
public enum Pattern {
    SPIKE("spike", true),
    DIP("dip", true),
    LEVEL_SHIFT("level shift", true),
    OUTAGE("level shift, recovering later", true),
    TREND_CHANGE("trend change", true),
    VARIANCE_CHANGE("variance change", true),
    SEASONAL("seasonal (daily, 5-min) + anomaly", true),
    SEASONAL_NORMAL("seasonal (daily, 5-min), normal", false),
    GAPS("gaps, normal", false),
    FLAT("flat", false),
    NOISE("noise (white or AR(1))", false),
    HEAVY_TAILED("noise, heavy-tailed (Student t₄)", false),
    RANDOM_WALK("drifting (random walk + noise)", false),
    COUNTS("low counts (Poisson, mean 0.5–5)", false);

    private final String label;
    private final boolean anomalous;

    Pattern(String label, boolean anomalous) {
        this.label = label;
        this.anomalous = anomalous;
    }

    public String label() {
        return label;
    }

    public boolean anomalous() {
        return anomalous;
    }
}
