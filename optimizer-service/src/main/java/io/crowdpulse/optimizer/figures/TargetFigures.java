package io.crowdpulse.optimizer.figures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crowdpulse.common.tuning.KnobView;

/**
 * What the optimizer knows of one target at one moment: its series over the recent window (keyed by
 * metric name), its tuning knobs as its {@code GET /api/v1/tuning} reports them (keyed by knob name) and
 * how many replicas it runs (1 when unknown). Plain data: strategies, diagnosis and scoring read only this.
 */
public record TargetFigures(String target, Instant at, Map<String, SeriesFigures> series,
        Map<String, KnobView> knobs, int replicas) {

    public TargetFigures {
        series = Map.copyOf(series);
        knobs = Map.copyOf(knobs);
    }

    public Optional<SeriesFigures> series(String metric) {
        return Optional.ofNullable(series.get(metric));
    }

    /** The newest value of {@code metric}, NaN when the target does not report it. */
    public double latest(String metric) {
        SeriesFigures figures = series.get(metric);
        return figures == null ? Double.NaN : figures.latest();
    }

    /** The window mean of {@code metric}, NaN when the target does not report it. */
    public double mean(String metric) {
        SeriesFigures figures = series.get(metric);
        return figures == null ? Double.NaN : figures.mean();
    }

    public Optional<KnobView> knob(String name) {
        return Optional.ofNullable(knobs.get(name));
    }

    /** Every series whose metric starts with {@code prefix} and ends with {@code suffix}, e.g. queues. */
    public List<SeriesFigures> seriesMatching(String prefix, String suffix) {
        return series.values().stream()
                .filter(s -> s.metric().startsWith(prefix) && s.metric().endsWith(suffix))
                .toList();
    }
}
