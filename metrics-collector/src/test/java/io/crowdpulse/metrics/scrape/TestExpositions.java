package io.crowdpulse.metrics.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Loads the exposition files under {@code src/test/resources/expositions} and finds samples in them. */
final class TestExpositions {

    private TestExpositions() {
    }

    static String text(String file) {
        try (InputStream in = TestExpositions.class.getResourceAsStream("/expositions/" + file)) {
            Objects.requireNonNull(in, () -> "no test resource expositions/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exposition parse(String file) {
        return PrometheusTextParser.parse(text(file));
    }

    /** The only sample with this name and exactly these labels; fails when there is not exactly one. */
    static PromSample sample(Exposition exposition, String name, Map<String, String> labels) {
        List<PromSample> found = exposition.samples().stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + labels + ", found " + found);
        }
        return found.get(0);
    }

    static PromSample sample(Exposition exposition, String name) {
        return sample(exposition, name, Map.of());
    }

    static List<PromSample> samples(Exposition exposition, String name) {
        return exposition.samples().stream().filter(s -> s.name().equals(name)).toList();
    }
}
