package io.crowdpulse.cli.history;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crowdpulse average}: the average number of users online in a time range. */
@Command(name = "average", aliases = "avg",
        description = "Show the average number of users online in a time range.")
public final class AverageCommand extends ApiCommand {

    @Option(names = "--start", paramLabel = "TIME", defaultValue = "1h",
            description = "Start of the range: 1h, 15m (ago), now or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private String start;

    @Mixin
    private RangeOptions range;

    @Override
    public Integer call() {
        return show(client().get(range.path("average", start)), Average.class, average -> Table.keyValue()
                .row("Average", average.average() == null ? "no data"
                        : Formats.decimal(average.average()) + " users")
                .row("From", average.from())
                .row("To", average.to())
                .row("Module", range.moduleLabel())
                .row("Source", average.source() + " (" + average.samples() + " samples)")
                .render());
    }

    /** What {@code GET /concurrent-users/average} answers; {@code average} is null when there is no data. */
    record Average(String from, String to, Double average, String source, long samples) {
    }
}
