package io.crowdpulse.cli.history;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crowdpulse peak}: the most users online at once in a time range. */
@Command(name = "peak",
        description = "Show the most users online at once in a time range.")
public final class PeakCommand extends ApiCommand {

    @Option(names = "--start", paramLabel = "TIME", defaultValue = "24h",
            description = "Start of the range: 24h, 15m (ago), now or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private String start;

    @Mixin
    private RangeOptions range;

    @Override
    public Integer call() {
        return show(client().get(range.path("peak", start)), Peak.class, peak -> Table.keyValue()
                .row("Peak", peak.peak() == null ? "no data" : peak.peak() + " users")
                .row("At", peak.at())
                .row("From", peak.from())
                .row("To", peak.to())
                .row("Module", range.moduleLabel())
                .row("Source", peak.source() + " (" + peak.samples() + " samples)")
                .render());
    }

    /** What {@code GET /concurrent-users/peak} answers; {@code peak} is null when there is no data. */
    record Peak(String from, String to, Long peak, String at, String source, long samples) {
    }
}
