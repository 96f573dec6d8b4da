package io.crowdpulse.common.tuning;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A knob as {@code GET /api/v1/tuning} shows it. Whole-number knobs show whole numbers. */
@RegisterForReflection
public record KnobView(String name, Number value, Number min, Number max, String unit, String description) {

    static KnobView of(Knob knob) {
        return new KnobView(knob.name(), number(knob, knob.value()), number(knob, knob.min()),
                number(knob, knob.max()), knob.unit(), knob.description());
    }

    private static Number number(Knob knob, double value) {
        return knob.integral() ? (Number) Math.round(value) : (Number) value;
    }
}
