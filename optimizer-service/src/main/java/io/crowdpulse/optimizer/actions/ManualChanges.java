package io.crowdpulse.optimizer.actions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.actuate.Actuators;
import io.crowdpulse.optimizer.config.Mode;
import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.targets.TargetView;
import io.crowdpulse.optimizer.targets.TuningException;

/** A change an operator asks for directly: checked against the target's knob, then made and verified like any. */
@ApplicationScoped
public class ManualChanges {

    private final ActionService actions;
    private final Actuators actuators;
    private final TargetView targets;
    private final RuntimeSettings settings;

    public ManualChanges(ActionService actions, Actuators actuators, TargetView targets, RuntimeSettings settings) {
        this.actions = actions;
        this.actuators = actuators;
        this.targets = targets;
        this.settings = settings;
    }

    public Action change(String target, String knob, double value, String note, String actor) {
        if (settings.current().mode() == Mode.OFF) {
            throw ActionService.conflict("The optimizer is off; set mode to recommend or auto to make changes");
        }
        if (!targets.knows(target)) {
            throw ProblemException.notFound("No target named '" + target + "'");
        }
        List<KnobView> knobs;
        try {
            knobs = actuators.knobs(target);
        } catch (TuningException e) {
            throw new ProblemException(Problem.of(502, "target-unreachable", "Bad gateway",
                    "Cannot read the knobs of " + target + ": " + e.getMessage()));
        }
        KnobView k = knobs.stream().filter(v -> v.name().equals(knob)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No knob named '" + knob + "' on " + target));
        if (value < k.min().doubleValue() || value > k.max().doubleValue()) {
            throw ProblemException.badRequest("value", "must be between " + k.min() + " and " + k.max()
                    + (k.unit() == null || k.unit().isEmpty() ? "" : " " + k.unit()));
        }
        String rationale = "changed by hand" + (note == null || note.isBlank() ? "" : ": " + note);
        return actions.apply(new ActionService.ChangeRequest(null, Action.MANUAL, Action.OPERATOR, target, knob,
                k.value().doubleValue(), value, 0, 0, rationale, actor));
    }
}
