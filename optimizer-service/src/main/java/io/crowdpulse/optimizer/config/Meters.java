package io.crowdpulse.optimizer.config;

/** The optimizer's own metric names (dot-named, tags bounded). */
public final class Meters {

    /** Counter of action state changes, tagged {@code state} and {@code origin}. */
    public static final String ACTIONS = "crowdpulse.optimizer.actions";
    /** Gauge of the series held in the rolling windows. */
    public static final String SERIES = "crowdpulse.optimizer.series";

    private Meters() {
    }
}
