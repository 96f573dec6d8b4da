package io.crowdpulse.optimizer.brain;

import jakarta.inject.Singleton;

import io.crowdpulse.optimizer.diagnosis.BottleneckAnalyzer;
import io.crowdpulse.optimizer.diagnosis.PerformanceScorer;
import io.crowdpulse.optimizer.learning.ImpactLearner;
import io.crowdpulse.optimizer.strategy.Strategies;
import io.crowdpulse.optimizer.strategy.StrategyEngine;

/** Holds the plain-Java brain (strategies, diagnosis, scoring, learning) for the beans that use it. */
@Singleton
public class Brain {

    private final StrategyEngine engine = new StrategyEngine(Strategies.standard());
    private final BottleneckAnalyzer analyzer = BottleneckAnalyzer.standard();
    private final PerformanceScorer scorer = PerformanceScorer.standard();
    private final ImpactLearner learner = new ImpactLearner();

    public StrategyEngine engine() {
        return engine;
    }

    public BottleneckAnalyzer analyzer() {
        return analyzer;
    }

    public PerformanceScorer scorer() {
        return scorer;
    }

    public ImpactLearner learner() {
        return learner;
    }
}
