package io.crowdpulse.optimizer.targets;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.actuate.Actuators;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.figures.TargetFigures;
import io.crowdpulse.optimizer.observe.Observations;

/** Assembles what is known of a target now: its series over the recent window, its knobs and replicas. */
@ApplicationScoped
public class TargetView {

    /** A target's figures, and why its knobs are missing when they could not be read. */
    public record Assembled(TargetFigures figures, String knobError) {

        public boolean knobsRead() {
            return knobError == null;
        }
    }

    private final OptimizerConfig config;
    private final Observations observations;
    private final Actuators actuators;
    private final RuntimeSettings settings;
    private final Clock clock;

    public TargetView(OptimizerConfig config, Observations observations, Actuators actuators, RuntimeSettings settings,
            Clock clock) {
        this.config = config;
        this.observations = observations;
        this.actuators = actuators;
        this.settings = settings;
        this.clock = clock;
    }

    /** The configured targets, by name. */
    public List<String> targets() {
        return List.copyOf(new TreeSet<>(config.targets().keySet()));
    }

    public boolean knows(String target) {
        return config.targets().containsKey(target);
    }

    /** The figures over the last verification window (the window strategies and verification look at). */
    public Assembled assemble(String target) {
        Instant now = clock.instant();
        Instant from = now.minus(settings.current().verificationWindow());
        var series = observations.figures(target, from, now);
        Map<String, KnobView> knobs = new HashMap<>();
        if (series.isEmpty()) {
            // Nothing measured: no strategy can judge it, so its knobs are not worth a call.
            return new Assembled(new TargetFigures(target, now, series, knobs, 1), "no figures yet, knobs not read");
        }
        String error = null;
        try {
            for (KnobView k : actuators.knobs(target)) {
                knobs.put(k.name(), k);
            }
        } catch (TuningException e) {
            error = e.getMessage();
        }
        int replicas = actuators.replicas(target).orElse(1);
        return new Assembled(new TargetFigures(target, now, series, knobs, replicas), error);
    }
}
