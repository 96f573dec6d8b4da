package io.crowdpulse.optimizer.diagnosis;

import java.util.List;

import io.crowdpulse.optimizer.figures.TargetFigures;

/** Scores how well a target performs, 0..100. (Contract; implementation follows.) */
public final class PerformanceScorer {

    public static PerformanceScorer standard() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public PerformanceScore score(TargetFigures figures) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The score of the whole platform (target {@code overall}) from every target's score. */
    public PerformanceScore overall(List<PerformanceScore> scores) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
