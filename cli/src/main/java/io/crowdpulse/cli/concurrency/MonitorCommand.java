package io.crowdpulse.cli.concurrency;

import java.time.Duration;
import java.util.Locale;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiClient;
import io.crowdpulse.cli.http.ApiResponse;
import io.crowdpulse.cli.http.Json;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.time.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code crowdpulse monitor}: polls the number of users online and prints one line per poll. */
@Command(name = "monitor",
        description = {"Poll the number of users online and print a line each time, until Ctrl-C or --count polls.",
            "With --json, prints one JSON object per line."})
public final class MonitorCommand extends ApiCommand {

    private static final String LINE = "%-24s  %9s  %9s  %7s";

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Time between polls; a bare number is seconds (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = {"-c", "--count"}, paramLabel = "N",
            description = "Stop after N polls (default: run until Ctrl-C).")
    private Integer count;

    @Override
    public Integer call() throws InterruptedException {
        if (interval.isZero()) {
            throw new ParameterException(commandLine(), "--interval must be greater than zero");
        }
        if (count != null && count < 1) {
            throw new ParameterException(commandLine(), "--count must be at least 1");
        }
        ApiClient client = client();
        if (!json()) {
            out().println(String.format(Locale.ROOT, LINE, "TIME", "USERS", "SESSIONS", "DELTA"));
        }
        Long previous = null;
        int failures = 0;
        for (int poll = 0; count == null || poll < count; poll++) {
            if (poll > 0) {
                Thread.sleep(interval.toMillis());
            }
            try {
                previous = print(client.get(CurrentCommand.PATH), previous);
            } catch (CliException e) {
                // A monitor outlives a restart of the service: report the failed poll and keep polling.
                failures++;
                err().println("error: " + e.getMessage());
                err().flush();
            }
        }
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private Long print(ApiResponse response, Long previous) {
        CurrentUsers current = response.as(CurrentUsers.class);
        if (json()) {
            out().println(Json.write(response.json()));
        } else {
            String delta = previous == null ? "-" : Formats.signed(current.concurrentUsers() - previous);
            out().println(String.format(Locale.ROOT, LINE, current.timestamp(), current.concurrentUsers(),
                    current.activeSessions(), delta));
        }
        out().flush();
        return current.concurrentUsers();
    }
}
