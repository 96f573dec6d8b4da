package io.crowdpulse.optimizer.strategy;

import java.util.Optional;

import io.crowdpulse.optimizer.figures.TargetFigures;

/**
 * One way to turn what is measured of a target into a change of one of its knobs. Implementations are
 * small, plain Java, stateless and deterministic on their input.
 */
public interface Strategy {

    /** A stable identifier, e.g. {@code worker-pool}. */
    String name();

    /** One sentence: when it applies and what it changes. */
    String description();

    /** Larger is evaluated first. */
    int priority();

    /** The change this strategy proposes for {@code figures}, or empty when it does not apply. */
    Optional<Proposal> evaluate(TargetFigures figures);
}
