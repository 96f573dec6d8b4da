package io.crowdpulse.optimizer.strategy;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.crowdpulse.optimizer.figures.TargetFigures;

/**
 * Evaluates strategies in priority order against one target's figures. Proposals come back most urgent first
 * (higher proposal priority, then higher expected impact, then strategy name), at most one per knob — the most
 * urgent — so two strategies never pull one knob two ways at once. A strategy that throws is logged and skipped:
 * one faulty strategy must not silence the others.
 */
public final class StrategyEngine {

    private static final System.Logger LOG = System.getLogger(StrategyEngine.class.getName());

    /** Most urgent first; ties broken by expected impact, then strategy name, so the order is deterministic. */
    public static final Comparator<Proposal> MOST_URGENT_FIRST = Comparator.comparingInt(Proposal::priority)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Proposal::expectedImpact).reversed())
            .thenComparing(Proposal::strategy)
            .thenComparing(Proposal::knob);

    private final List<Strategy> strategies;

    public StrategyEngine(List<Strategy> strategies) {
        Objects.requireNonNull(strategies, "strategies");
        Set<String> names = new HashSet<>();
        for (Strategy strategy : strategies) {
            Objects.requireNonNull(strategy, "strategy");
            if (!names.add(strategy.name())) {
                throw new IllegalArgumentException("two strategies are named " + strategy.name());
            }
        }
        this.strategies = strategies.stream()
                .sorted(Comparator.comparingInt(Strategy::priority).reversed().thenComparing(Strategy::name))
                .toList();
    }

    /** The strategies, highest priority first. */
    public List<Strategy> strategies() {
        return strategies;
    }

    /** Every proposal for {@code figures}, most urgent first. */
    public List<Proposal> evaluate(TargetFigures figures) {
        Objects.requireNonNull(figures, "figures");
        List<Proposal> proposals = new ArrayList<>();
        for (Strategy strategy : strategies) {
            try {
                Optional<Proposal> proposal = strategy.evaluate(figures);
                if (proposal != null) {
                    proposal.ifPresent(proposals::add);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "strategy " + strategy.name() + " failed on " + figures.target(), e);
            }
        }
        proposals.sort(MOST_URGENT_FIRST);
        Set<String> knobs = new HashSet<>();
        List<Proposal> result = new ArrayList<>(proposals.size());
        for (Proposal proposal : proposals) {
            if (knobs.add(proposal.knob())) {
                result.add(proposal);
            }
        }
        return List.copyOf(result);
    }
}
