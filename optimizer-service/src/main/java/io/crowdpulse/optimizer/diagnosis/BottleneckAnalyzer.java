package io.crowdpulse.optimizer.diagnosis;

import java.util.List;

import io.crowdpulse.optimizer.figures.TargetFigures;

/** Names the resources that limit a target now. (Contract; implementation follows.) */
public final class BottleneckAnalyzer {

    public static BottleneckAnalyzer standard() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The limiting resources of {@code figures}' target, worst first; empty when nothing limits it. */
    public List<Bottleneck> analyze(TargetFigures figures) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
