package io.crowdpulse.cli.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "5m, PT5M",
        "1h, PT1H",
        "2d, PT48H",
        "1w, PT168H",
        "250ms, PT0.25S",
        "1h30m, PT1H30M",
        "45, PT45S",
        "PT30S, PT30S",
        "pt5m, PT5M",
        "' 10s ', PT10S",
        "0s, PT0S"
    })
    void shouldParseShortAndIsoDurations(String text, String expected) {
        assertEquals(Duration.parse(expected), DurationParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "10x", "-5s", "5 m", "PT-5S", "1.5h", "s", "99999999999999999999s"})
    void shouldRejectWhatIsNotADuration(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(text));
        assertTrue(error.getMessage().contains("use e.g. 30s, 5m"), error.getMessage());
    }

    @Test
    void shouldRejectNull() {
        assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(null));
    }

    @Test
    void shouldFormatDurationsShort() {
        assertEquals("1m30s", DurationFormat.format(Duration.ofSeconds(90)));
        assertEquals("2d1h", DurationFormat.format(Duration.ofHours(49)));
        assertEquals("250ms", DurationFormat.format(Duration.ofMillis(250)));
        assertEquals("0s", DurationFormat.format(Duration.ZERO));
    }
}
