package io.crowdpulse.optimizer.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ActionStateTest {

    @Test
    void shouldMoveOnlyAlongTheLifecycle() {
        assertEquals(EnumSet.of(ActionState.APPLIED, ActionState.FAILED), ActionState.APPLYING.next());
        assertTrue(ActionState.APPLIED.canMoveTo(ActionState.VERIFIED));
        assertTrue(ActionState.APPLIED.canMoveTo(ActionState.ROLLED_BACK));
        assertTrue(ActionState.VERIFIED.canMoveTo(ActionState.ROLLED_BACK));
        assertFalse(ActionState.VERIFIED.canMoveTo(ActionState.APPLIED));
        for (ActionState terminal : EnumSet.of(ActionState.ROLLED_BACK, ActionState.FAILED, ActionState.DRY_RUN)) {
            assertTrue(terminal.next().isEmpty(), terminal + " is final");
            assertFalse(terminal.rollbackable());
        }
        assertTrue(ActionState.APPLIED.rollbackable() && ActionState.VERIFIED.rollbackable());
        assertTrue(ActionState.APPLYING.pending() && ActionState.APPLIED.pending() && !ActionState.VERIFIED.pending());
    }

    @Test
    void shouldUseTheLabelsOfTheEventPayload() {
        assertEquals("rolled_back", ActionState.ROLLED_BACK.label());
        assertEquals(ActionState.DRY_RUN, ActionState.of("dry_run"));
    }

    @Test
    void shouldRefuseAnActionMoveOutsideTheLifecycle() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Action a = new Action(UUID.randomUUID(), null, Action.AUTO, "s", "t", "k", 1, 2, 0.1, 0.5, null,
                ActionState.ROLLED_BACK, "optimizer", null, null, null, null, null, Map.of(), t, t, t, t, t);
        assertThrows(IllegalStateException.class, () -> a.moved(ActionState.VERIFIED, t));
        Action applied = new Action(UUID.randomUUID(), null, Action.AUTO, "s", "t", "k", 1, 2, 0.1, 0.5, null,
                ActionState.APPLIED, "optimizer", null, null, null, null, null, Map.of(), t, t, t, null, t);
        Action verified = applied.moved(ActionState.VERIFIED, t.plusSeconds(60));
        assertEquals(ActionState.VERIFIED, verified.state());
        assertEquals(t.plusSeconds(60), verified.updatedAt());
    }
}
