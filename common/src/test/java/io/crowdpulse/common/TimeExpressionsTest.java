package io.crowdpulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.time.TimeRange;

class TimeExpressionsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void shouldReadNowRelativeAndIsoInstants() {
        assertEquals(NOW, TimeExpressions.instant("to", "now", CLOCK));
        assertEquals(NOW.minusSeconds(86_400), TimeExpressions.instant("from", "24h", CLOCK));
        assertEquals(NOW.minusSeconds(900), TimeExpressions.instant("from", "15m", CLOCK));
        assertEquals(NOW.minus(Duration.ofDays(7)), TimeExpressions.instant("from", "7d", CLOCK));
        assertEquals(Instant.parse("2025-12-31T00:00:00Z"),
                TimeExpressions.instant("from", "2025-12-31T00:00:00Z", CLOCK));
    }

    @Test
    void shouldRejectUnreadableTimeNamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> TimeExpressions.instant("from", "yesterday", CLOCK));
        assertEquals(400, e.problem().status());
        assertEquals("from", e.problem().errors().get(0).field());
    }

    @Test
    void shouldReadShortAndIsoDurations() {
        assertEquals(Duration.ofSeconds(30), TimeExpressions.duration("step", "30s"));
        assertEquals(Duration.ofMinutes(5), TimeExpressions.duration("step", "5m"));
        assertEquals(Duration.ofSeconds(30), TimeExpressions.duration("step", "PT30S"));
        assertEquals(Duration.ofMillis(250), TimeExpressions.duration("step", "250ms"));
        assertThrows(ProblemException.class, () -> TimeExpressions.duration("step", "0s"));
        assertThrows(ProblemException.class, () -> TimeExpressions.duration("step", "-5m"));
        assertThrows(ProblemException.class, () -> TimeExpressions.duration("step", "fast"));
    }

    @Test
    void shouldBuildRangeWithDefaultsAndRejectInvertedOnes() {
        TimeRange range = TimeRange.parse(null, null, "1h", "now", CLOCK);
        assertEquals(NOW.minusSeconds(3600), range.from());
        assertEquals(NOW, range.to());
        assertEquals(Duration.ofHours(1), range.length());
        ProblemException e = assertThrows(ProblemException.class, () -> TimeRange.parse("now", "1h", "1h", "now", CLOCK));
        assertEquals("from", e.problem().errors().get(0).field());
    }
}
