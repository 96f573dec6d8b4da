package io.crowdpulse.anomaly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static final long APRIL_FIRST = 1_396_310_400_000L; // 2014-04-01T00:00:00Z

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2014-04-01 00:00:00|0",
        "2014-04-01T00:00:00Z|0",
        "2014-04-01T00:00:00|0",
        "2014-04-01T02:00:00+02:00|0",
        "2014-04-01 00:05:00|300000",
        "2014-04-01 00:00:00.250|250",
        "2014-04-01T00:00:01.5Z|1500",
        "2014-04-01 00:05|300000",
        "2014-04-01|0",
        "1396310400|0",
        "1396310400.5|500",
        "1396310400000|0",
        "  2014-04-01 00:00:00  |0",
    })
    void shouldReadTheUsualTimestampForms(String text, long offsetMillis) {
        assertEquals(OptionalLong.of(APRIL_FIRST + offsetMillis), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "2014-13-01 00:00:00", "12:00", "NaN", "1e999"})
    void shouldRefuseWhatIsNoTimestamp(String text) {
        assertTrue(Timestamps.parse(text).isEmpty(), text);
    }
}
