package io.crowdpulse.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

    @Test
    void shouldDeriveSessionLengthAndMoveChance() {
        SimulationSettings settings = new SimulationSettings(10, 4, 2, Duration.ofSeconds(30), 0.01,
                Duration.ofMinutes(10));

        assertEquals(Duration.ofMinutes(100), settings.meanSessionLength());
        assertEquals(1 - Math.exp(-0.05), settings.moveProbabilityPerHeartbeat(), 1e-9);
    }

    @Test
    void shouldNeverEndSessionsOrMoveWhenThereIsNowhereToGo() {
        SimulationSettings settings = new SimulationSettings(10, 1, 2, Duration.ofSeconds(30), 0,
                Duration.ofMinutes(10));

        assertNull(settings.meanSessionLength());
        assertEquals(0, settings.moveProbabilityPerHeartbeat());
    }

    @Test
    void shouldRejectSettingsThatMakeNoSense() {
        Duration beat = Duration.ofSeconds(30);
        Duration dwell = Duration.ofMinutes(10);
        assertEquals("users must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> new SimulationSettings(0, 1, 1, beat, 0, dwell)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(1, 0, 1, beat, 0, dwell));
        assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(1, 1, 0, beat, 0, dwell));
        assertThrows(IllegalArgumentException.class,
                () -> new SimulationSettings(1, 1, 1, Duration.ofMillis(10), 0, dwell));
        assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(1, 1, 1, beat, -0.1, dwell));
        assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(1, 1, 1, beat, 0, Duration.ZERO));
    }
}
