package io.crowdpulse.optimizer.figures;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.crowdpulse.common.tuning.KnobView;

/** Synthetic {@link TargetFigures} for tests: steady series of 60 values unless told otherwise. */
public final class TestFigures {

    public static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    public static final int COUNT = 60;

    private final String target;
    private final Map<String, SeriesFigures> series = new HashMap<>();
    private final Map<String, KnobView> knobs = new HashMap<>();
    private int replicas = 1;

    private TestFigures(String target) {
        this.target = target;
    }

    public static TestFigures of(String target) {
        return new TestFigures(target);
    }

    /** A steady series: every statistic {@code value}, slope 0. */
    public TestFigures value(String metric, double value) {
        return series(new SeriesFigures(metric, value, value, value, value, value, 0, COUNT));
    }

    /** A series whose newest value is {@code latest}, mean {@code mean}, with the given slope. */
    public TestFigures series(String metric, double latest, double mean, double slopePerSecond) {
        return series(new SeriesFigures(metric, latest, mean, Math.min(latest, mean), Math.max(latest, mean),
                Math.max(latest, mean), slopePerSecond, COUNT));
    }

    public TestFigures series(SeriesFigures figures) {
        series.put(figures.metric(), figures);
        return this;
    }

    /** A whole-number knob, as {@code GET /api/v1/tuning} shows it (Long). */
    public TestFigures knob(String name, long value, long min, long max) {
        knobs.put(name, new KnobView(name, value, min, max, "", ""));
        return this;
    }

    /** A fractional knob (Double). */
    public TestFigures knob(String name, double value, double min, double max) {
        knobs.put(name, new KnobView(name, value, min, max, "", ""));
        return this;
    }

    public TestFigures replicas(int replicas) {
        this.replicas = replicas;
        return this;
    }

    public TargetFigures build() {
        return new TargetFigures(target, AT, series, knobs, replicas);
    }
}
