package io.crowdpulse.anomaly.stats;

import java.util.Locale;

/** Which way a window's least-squares line points, once it explains enough of the window's variation. */
public enum TrendDirection {
    RISING,
    FALLING,
    FLAT;

    /** The lower-case label used in JSON payloads. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
