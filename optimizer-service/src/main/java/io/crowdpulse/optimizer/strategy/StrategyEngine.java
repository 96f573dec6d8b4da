package io.crowdpulse.optimizer.strategy;

import java.util.List;

import io.crowdpulse.optimizer.figures.TargetFigures;

/** Evaluates strategies in priority order against one target's figures. (Contract; implementation follows.) */
public final class StrategyEngine {

    public StrategyEngine(List<Strategy> strategies) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<Strategy> strategies() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every proposal for {@code figures}, most urgent first. */
    public List<Proposal> evaluate(TargetFigures figures) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
