package io.crowdpulse.anomaly;

/**
 * A detector's verdict on one point.
 *
 * @param score how anomalous the point is, in [0, 1]; at or above {@link Severity#INFO_SCORE} it is an anomaly
 * @param severity the severity the score maps to ({@link Severity#of(double)}), {@link Severity#NONE} below it
 * @param confidence how much the detector trusts its own verdict, in [0, 1] (low while it is still learning, or when
 *     its models disagree)
 * @param expected the value the detector expected at this point (NaN when it has no expectation yet)
 * @param detector the name of the detector that produced the verdict
 */
public record Score(double score, Severity severity, double confidence, double expected, String detector) {

    public Score {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        if (severity == null || detector == null) {
            throw new IllegalArgumentException("severity and detector are required");
        }
    }

    /** A verdict whose severity follows from its score. */
    public static Score of(double score, double confidence, double expected, String detector) {
        return new Score(score, Severity.of(score), confidence, expected, detector);
    }

    /** Whether the point is reported as an anomaly (any severity other than {@link Severity#NONE}). */
    public boolean isAnomaly() {
        return severity != Severity.NONE;
    }
}
