package io.crowdpulse.metrics.push;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.crowdpulse.common.validation.Identifier;

/** A push: samples of any series, and request timings to derive latency, rate and errors from. */
public record PushRequest(List<@Valid @NotNull PushedSample> samples, List<@Valid @NotNull Timing> timings) {

    /** Metric names: lower-case words joined by dots, underscores or dashes, as in DESIGN.md. */
    public static final String METRIC_PATTERN = "[a-z][a-z0-9_.:-]{0,127}";

    public List<PushedSample> samplesOrEmpty() {
        return samples == null ? List.of() : samples;
    }

    public List<Timing> timingsOrEmpty() {
        return timings == null ? List.of() : timings;
    }

    /** One value of one series; {@code timestamp} is informative, the collector stamps its own round. */
    public record PushedSample(
            @NotNull @Pattern(regexp = METRIC_PATTERN, message = "must be a metric name such as gauge.queue_depth") String metric,
            @NotNull @Identifier String target,
            @Size(max = 16) Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String, @NotNull @Size(max = 256) String> labels,
            @NotNull @DecimalMax("1e15") @jakarta.validation.constraints.DecimalMin("-1e15") Double value,
            Instant timestamp) {
    }

    /** How long one request took and how it ended, with labels such as route, module or organization. */
    public record Timing(
            @NotNull @Identifier String target,
            @Size(max = 8) Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String, @NotNull @Size(max = 256) String> labels,
            @NotNull @PositiveOrZero @DecimalMax("3600000") Double durationMs,
            @NotNull @Min(100) @Max(599) Integer status) {
    }
}
