package io.crowdpulse.alerting.evaluation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a rule's summary and description: {@code {{value}}}, {@code {{threshold}}}, {@code {{metric}}},
 * {@code {{target}}}, {@code {{rule}}}, {@code {{severity}}} and {@code {{labels.<name>}}}; an unknown
 * placeholder stays as written, so a typo shows instead of vanishing.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.:-]+)\\s*}}");

    private Templates() {
    }

    public static String fill(String template, Map<String, String> values, Map<String, String> labels) {
        if (template == null || template.isEmpty()) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.startsWith("labels.") ? labels.get(key.substring(7)) : values.get(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value as people read it: integers without decimals, others to three significant decimals. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
