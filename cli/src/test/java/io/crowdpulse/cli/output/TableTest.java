package io.crowdpulse.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void shouldAlignTextLeftAndNumbersRight() {
        String table = Table.withHeaders("MODULE", "USERS")
                .row("accounting", 120)
                .row("tax", 4)
                .render();

        assertEquals("""
                MODULE      USERS
                accounting    120
                tax             4
                """, table);
    }

    @Test
    void shouldPrintLabelValuePairsWithoutHeader() {
        String table = Table.keyValue()
                .row("Concurrent users", 245)
                .row("Window", "60s")
                .render();

        assertEquals("""
                Concurrent users  245
                Window            60s
                """, table);
    }

    @Test
    void shouldShowMissingCellsAsDashAndTrimTrailingBlanks() {
        String table = Table.withHeaders("A", "B", "")
                .row("x", null, "")
                .row("longer", 1.5, "##")
                .render();

        assertEquals("""
                A         B
                x         -
                longer  1.5  ##
                """, table);
        table.lines().forEach(line -> assertTrue(line.equals(line.stripTrailing()), "trailing blank in: " + line));
    }

    @Test
    void shouldRightAlignPreformattedNumbers() {
        String table = Table.withHeaders("DELTA").row(Table.right("+3")).row(Table.right("-120")).render();

        assertEquals("""
                DELTA
                   +3
                 -120
                """, table);
    }

    @Test
    void shouldFormatNumbersAndBars() {
        assertEquals("12.5", Formats.decimal(12.5));
        assertEquals("3", Formats.decimal(3.0));
        assertEquals("0.33", Formats.decimal(1.0 / 3));
        assertEquals("+1.5", Formats.signed(1.5));
        assertEquals("-2", Formats.signed(-2));
        assertEquals("0", Formats.signed(0));
        assertEquals("##########", Formats.bar(10, 10, 10));
        assertEquals("#####", Formats.bar(5, 10, 10));
        assertEquals("#", Formats.bar(0.01, 10, 10));
        assertEquals("", Formats.bar(0, 10, 10));
        assertEquals("37.5%", Formats.percent(0.375));
        assertEquals("Started per minute", Formats.label("startedPerMinute"));
    }
}
