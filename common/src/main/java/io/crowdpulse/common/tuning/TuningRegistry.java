package io.crowdpulse.common.tuning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.problem.ProblemException;

/** The knobs of this service, by name; services register theirs at startup. */
@ApplicationScoped
public class TuningRegistry {

    private static final Logger LOG = Logger.getLogger(TuningRegistry.class);

    private final Map<String, Knob> knobs = new ConcurrentSkipListMap<>();

    public void register(Knob knob) {
        if (knobs.putIfAbsent(knob.name(), knob) != null) {
            throw new IllegalStateException("knob registered twice: " + knob.name());
        }
    }

    public List<KnobView> list() {
        return knobs.values().stream().map(KnobView::of).toList();
    }

    public Optional<KnobView> find(String name) {
        return Optional.ofNullable(knobs.get(name)).map(KnobView::of);
    }

    /** Applies {@code value} at once; a value outside the knob's bounds is a 400 and changes nothing. */
    public synchronized KnobView set(String name, double value) {
        Knob knob = knobs.get(name);
        if (knob == null) {
            throw ProblemException.notFound("No tuning knob named '" + name + "'");
        }
        if (!knob.accepts(value)) {
            KnobView view = KnobView.of(knob);
            throw ProblemException.badRequest("value", "must be " + (knob.integral() ? "a whole number " : "")
                    + "between " + view.min() + " and " + view.max() + (knob.unit().isEmpty() ? "" : " " + knob.unit()));
        }
        double before = knob.value();
        knob.apply(value);
        LOG.infof("Tuning %s changed from %s to %s", name, before, value);
        return KnobView.of(knob);
    }
}
