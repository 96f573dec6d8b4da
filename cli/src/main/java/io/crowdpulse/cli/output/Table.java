package io.crowdpulse.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right-aligned, everything else left-aligned, two spaces
 * between columns and no trailing blanks.
 */
public final class Table {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table whose first line names the columns. */
    public static Table withHeaders(String... headers) {
        return new Table(List.of(headers));
    }

    /** A two-column label/value table with no header line, for a single record. */
    public static Table keyValue() {
        return new Table(List.of());
    }

    /** Adds a row; a null cell prints as {@code -}, a {@link Number} is right-aligned. */
    public Table row(Object... cells) {
        rows.add(Arrays.copyOf(cells, cells.length));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int columns = Math.max(headers.size(), rows.stream().mapToInt(r -> r.length).max().orElse(0));
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        Arrays.fill(numeric, true);
        for (int c = 0; c < columns; c++) {
            widths[c] = c < headers.size() ? headers.get(c).length() : 0;
        }
        for (Object[] row : rows) {
            for (int c = 0; c < columns; c++) {
                Object cell = c < row.length ? row[c] : null;
                widths[c] = Math.max(widths[c], text(cell).length());
                numeric[c] &= cell == null || cell instanceof Number || cell instanceof Right;
            }
        }
        StringBuilder out = new StringBuilder();
        if (!headers.isEmpty()) {
            appendLine(out, headers.toArray(), widths, numeric);
        }
        for (Object[] row : rows) {
            appendLine(out, row, widths, numeric);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, Object[] cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String text = text(c < cells.length ? cells[c] : null);
            String padding = " ".repeat(widths[c] - text.length());
            if (c > 0) {
                line.append(GAP);
            }
            line.append(numeric[c] ? padding + text : text + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        if (cell instanceof Double || cell instanceof Float) {
            return Formats.decimal(((Number) cell).doubleValue());
        }
        return cell.toString();
    }

    /** A preformatted cell (a signed delta, a percentage) that lines up like a number. */
    public static Object right(String text) {
        return new Right(text);
    }

    private record Right(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
