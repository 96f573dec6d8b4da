package io.crowdpulse.metrics.scrape;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of parsing one scrape: its samples in exposition order, the declared family types and the
 * number of lines that were skipped as malformed.
 *
 * @param samples      the samples, in the order they were exposed
 * @param types        metric family name to {@code counter}, {@code gauge}, {@code histogram}, {@code summary}
 *                     or {@code untyped}, from the {@code # TYPE} lines
 * @param invalidLines how many lines were malformed and skipped
 */
public record Exposition(List<PromSample> samples, Map<String, String> types, int invalidLines) {

    public static final String COUNTER = "counter";
    public static final String GAUGE = "gauge";
    public static final String HISTOGRAM = "histogram";
    public static final String SUMMARY = "summary";
    public static final String UNTYPED = "untyped";

    public Exposition {
        samples = List.copyOf(samples);
        types = Map.copyOf(types);
        if (invalidLines < 0) {
            throw new IllegalArgumentException("invalidLines must be >= 0, was " + invalidLines);
        }
    }

    /**
     * The type of the family a sample belongs to: its own name's type, else that of the family its
     * suffix points to ({@code _bucket} of a histogram; {@code _sum}, {@code _count} of a histogram or
     * summary; {@code _total} of a counter; {@code _created} of any of those), else {@code untyped}.
     */
    public String typeOf(String sampleName) {
        Objects.requireNonNull(sampleName, "sampleName");
        String type = types.get(sampleName);
        if (type != null) {
            return type;
        }
        if (sampleName.endsWith("_bucket")) {
            return familyType(sampleName, 7, HISTOGRAM, HISTOGRAM, HISTOGRAM);
        }
        if (sampleName.endsWith("_count")) {
            return familyType(sampleName, 6, HISTOGRAM, SUMMARY, SUMMARY);
        }
        if (sampleName.endsWith("_sum")) {
            return familyType(sampleName, 4, HISTOGRAM, SUMMARY, SUMMARY);
        }
        if (sampleName.endsWith("_total")) {
            return familyType(sampleName, 6, COUNTER, COUNTER, COUNTER);
        }
        if (sampleName.endsWith("_created")) {
            return familyType(sampleName, 8, COUNTER, HISTOGRAM, SUMMARY);
        }
        return UNTYPED;
    }

    private String familyType(String sampleName, int suffixLength, String a, String b, String c) {
        String type = types.get(sampleName.substring(0, sampleName.length() - suffixLength));
        return a.equals(type) || b.equals(type) || c.equals(type) ? type : UNTYPED;
    }

    /** An exposition with no samples, types or invalid lines. */
    public static Exposition empty() {
        return new Exposition(List.of(), Map.of(), 0);
    }
}
