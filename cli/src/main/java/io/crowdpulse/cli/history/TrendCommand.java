package io.crowdpulse.cli.history;

import java.util.List;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crowdpulse trend}: users online over a time range in buckets, and whether the number is rising. */
@Command(name = "trend",
        description = "Show users online over a time range, bucket by bucket, and the direction of the trend.")
public final class TrendCommand extends ApiCommand {

    private static final int BAR_WIDTH = 30;

    @Option(names = "--start", paramLabel = "TIME", defaultValue = "1h",
            description = "Start of the range: 1h, 15m (ago), now or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private String start;

    @Option(names = "--step", paramLabel = "DURATION", defaultValue = "5m",
            description = "Bucket size, e.g. 1m, 5m, 1h or PT5M (default: ${DEFAULT-VALUE}).")
    private String step;

    @Mixin
    private RangeOptions range;

    @Override
    public Integer call() {
        return show(client().get(range.path("trend", start).param("step", step)), Trend.class, TrendCommand::render);
    }

    private static String render(Trend trend) {
        String summary = "Trend " + trend.direction()
                + (trend.slopePerHour() == null ? "" : ", " + Formats.signed(trend.slopePerHour()) + " users/hour")
                + " from " + trend.from() + " to " + trend.to()
                + " (step " + trend.step() + ", source " + trend.source() + ")\n";
        List<Bucket> buckets = trend.buckets() == null ? List.of() : trend.buckets();
        if (buckets.isEmpty()) {
            return summary + "No data in this range.\n";
        }
        double maxAvg = buckets.stream().filter(b -> b.avg() != null).mapToDouble(Bucket::avg).max().orElse(0);
        Table table = Table.withHeaders("START", "END", "MIN", "AVG", "MAX", "SAMPLES", "");
        buckets.forEach(b -> table.row(b.start(), b.end(), b.min(), b.avg(), b.max(), b.samples(),
                b.avg() == null ? "" : Formats.bar(b.avg(), maxAvg, BAR_WIDTH)));
        return summary + "\n" + table.render();
    }

    /** What {@code GET /concurrent-users/trend} answers. */
    record Trend(String from, String to, String step, String source, String direction, Double slopePerHour,
                 List<Bucket> buckets) {
    }

    /** One step of the trend: users online at least, on average and at most. */
    record Bucket(String start, String end, Double min, Double avg, Double max, long samples) {
    }
}
