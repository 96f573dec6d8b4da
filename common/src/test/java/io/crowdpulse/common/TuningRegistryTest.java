package io.crowdpulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.common.tuning.TuningRegistry;

class TuningRegistryTest {

    private final AtomicLong windowSeconds = new AtomicLong(60);
    private final TuningRegistry registry = new TuningRegistry();

    TuningRegistryTest() {
        registry.register(Knob.newBuilder("sessions.activity-window").unit("s").range(5, 3600)
                .description("How long a heartbeat keeps its user concurrent")
                .reader(windowSeconds::get).writer(v -> windowSeconds.set((long) v)).build());
    }

    @Test
    void shouldApplyValueInsideBoundsAtOnce() {
        KnobView view = registry.set("sessions.activity-window", 90);
        assertEquals(90L, view.value());
        assertEquals(90, windowSeconds.get());
        assertEquals(5L, view.min());
        assertEquals("s", view.unit());
    }

    @Test
    void shouldRejectValueOutsideBoundsOrFractionalAndKeepTheOldOne() {
        ProblemException e = assertThrows(ProblemException.class, () -> registry.set("sessions.activity-window", 4));
        assertEquals(400, e.problem().status());
        assertEquals("value", e.problem().errors().get(0).field());
        assertThrows(ProblemException.class, () -> registry.set("sessions.activity-window", 10.5));
        assertEquals(60, windowSeconds.get());
    }

    @Test
    void shouldAnswer404ForUnknownKnobAndRefuseDuplicates() {
        ProblemException e = assertThrows(ProblemException.class, () -> registry.set("nope", 1));
        assertEquals(404, e.problem().status());
        assertThrows(IllegalStateException.class, () -> registry.register(Knob.newBuilder("sessions.activity-window")
                .reader(() -> 1).writer(v -> { }).build()));
    }

    @Test
    void shouldCheckBuilderArguments() {
        assertThrows(IllegalArgumentException.class, () -> Knob.newBuilder("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> Knob.newBuilder("x").range(5, 1));
        assertThrows(IllegalStateException.class, () -> Knob.newBuilder("x").build());
    }
}
