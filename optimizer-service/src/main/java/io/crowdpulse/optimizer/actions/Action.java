package io.crowdpulse.optimizer.actions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One change of one knob of one target, as the optimizer (origin {@code auto}) or an operator (origin
 * {@code manual}: a recommendation applied by hand, or a change made through {@code POST /actions}) made it,
 * with the key figures before and after and the verdict.
 */
public record Action(UUID id, UUID recommendationId, String origin, String strategy, String target, String knob,
        double from, double to, double expectedImpact, double confidence, Double measuredImpact, ActionState state,
        String actor, String rationale, String error, String summary, Figures before, Figures after,
        Map<String, Double> changes, Instant createdAt, Instant appliedAt, Instant verifyAt, Instant finishedAt,
        Instant updatedAt) {

    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    /** The strategy name of a change an operator asked for directly. */
    public static final String OPERATOR = "operator";

    public Action {
        changes = changes == null ? Map.of() : Map.copyOf(changes);
    }

    public Action moved(ActionState next, Instant at) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("action " + id + " cannot move from " + state.label() + " to " + next.label());
        }
        return new Action(id, recommendationId, origin, strategy, target, knob, from, to, expectedImpact, confidence,
                measuredImpact, next, actor, rationale, error, summary, before, after, changes, createdAt, appliedAt,
                verifyAt, finishedAt, at);
    }

    public Action applied(Instant at, Instant verifyAt, Figures before) {
        return new Action(id, recommendationId, origin, strategy, target, knob, from, to, expectedImpact, confidence,
                measuredImpact, state, actor, rationale, error, summary, before, after, changes, createdAt, at, verifyAt,
                finishedAt, updatedAt);
    }

    public Action judged(Double measured, Figures afterFigures, Map<String, Double> figureChanges, String verdict) {
        return new Action(id, recommendationId, origin, strategy, target, knob, from, to, expectedImpact, confidence,
                measured, state, actor, rationale, error, verdict, before, afterFigures, figureChanges, createdAt,
                appliedAt, verifyAt, finishedAt, updatedAt);
    }

    public Action withError(String message) {
        return new Action(id, recommendationId, origin, strategy, target, knob, from, to, expectedImpact, confidence,
                measuredImpact, state, actor, rationale, message, summary, before, after, changes, createdAt, appliedAt,
                verifyAt, finishedAt, updatedAt);
    }

    public Action finished(Instant at) {
        return new Action(id, recommendationId, origin, strategy, target, knob, from, to, expectedImpact, confidence,
                measuredImpact, state, actor, rationale, error, summary, before, after, changes, createdAt, appliedAt,
                verifyAt, at, updatedAt);
    }
}
