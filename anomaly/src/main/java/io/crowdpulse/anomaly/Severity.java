package io.crowdpulse.anomaly;

import java.util.Locale;

/** How serious an anomaly score is, in the words the {@code metrics.anomaly} event and the alerting service use. */
public enum Severity {
    /** Not an anomaly: the score is below {@link #INFO_SCORE}. */
    NONE,
    /** Unusual enough to report. */
    INFO,
    /** Clearly unusual. */
    WARNING,
    /** Far outside anything seen before. */
    CRITICAL;

    /** The lowest score reported as an anomaly; the CSV scorer's consumers threshold at the same value. */
    public static final double INFO_SCORE = 0.5;
    /** The lowest score reported as {@link #WARNING}. */
    public static final double WARNING_SCORE = 0.75;
    /** The lowest score reported as {@link #CRITICAL}. */
    public static final double CRITICAL_SCORE = 0.9;

    /** The severity of a score in [0, 1]. */
    public static Severity of(double score) {
        if (score >= CRITICAL_SCORE) {
            return CRITICAL;
        }
        if (score >= WARNING_SCORE) {
            return WARNING;
        }
        if (score >= INFO_SCORE) {
            return INFO;
        }
        return NONE;
    }

    /** The lower-case label used in JSON payloads ({@code "none"}, {@code "info"}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
