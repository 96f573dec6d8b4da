package io.crowdpulse.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class MonthlyPartitionsTest {

    private final MonthlyPartitions partitions = new MonthlyPartitions(null, "session_records");

    @Test
    void shouldNameOnePartitionPerMonthAndReadTheMonthBack() {
        assertEquals("session_records_2026_01", partitions.partitionName(YearMonth.of(2026, 1)));
        assertEquals(YearMonth.of(2026, 11), partitions.monthOf("session_records_2026_11"));
        assertNull(partitions.monthOf("session_records_default"));
        assertNull(partitions.monthOf("other_2026_11"));
    }

    @Test
    void shouldRefuseATableNameThatIsNotPlain() {
        assertThrows(IllegalArgumentException.class, () -> new MonthlyPartitions(null, "x; DROP TABLE y"));
    }
}
