package io.crowdpulse.anomaly.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line into fields, honouring double quotes, keeping each field's text exactly as it was written. */
final class CsvFields {

    private CsvFields() {
    }

    /** The fields of {@code line} (without its line terminator), as written, quotes included. */
    static List<String> raw(String line) {
        List<String> fields = new ArrayList<>(4);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start));
        return fields;
    }

    /** A field's content: surrounding blanks and one pair of enclosing quotes removed, doubled quotes undone. */
    static String unquote(String field) {
        String s = field.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).replace("\"\"", "\"").strip();
        }
        return s;
    }
}
