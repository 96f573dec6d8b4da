package io.crowdpulse.session.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.crowdpulse.session.history.Sample;

class SessionStatsViewTest {

    private final Counts now = new Counts(Instant.ofEpochSecond(10_120), 50, 60, 70, 60, 1_300, 1_100, 4_000_000);

    @Test
    void shouldDeriveRatesAndAverageDurationFromRunningTotals() {
        Sample twoMinutesAgo = new Sample(10_000, 40, 40, 40, 1_000, 1_000, 1_000_000, Map.of());
        SessionStatsView view = SessionStatsService.view(now, Optional.of(twoMinutesAgo));
        assertEquals(150.0, view.startedPerMinute(), 1e-9);
        assertEquals(50.0, view.endedPerMinute(), 1e-9);
        assertEquals(30.0, view.averageDurationSeconds(), 1e-9); // 3,000 s over 100 sessions
        assertEquals(120, view.rateWindowSeconds());
        assertEquals(70, view.openSessions());
    }

    @Test
    void shouldLeaveRatesUnknownWithoutHistory() {
        SessionStatsView view = SessionStatsService.view(now, Optional.empty());
        assertNull(view.startedPerMinute());
        assertNull(view.averageDurationSeconds());
    }
}
