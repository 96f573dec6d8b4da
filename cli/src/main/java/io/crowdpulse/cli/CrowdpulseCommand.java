package io.crowdpulse.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.crowdpulse.cli.concurrency.CurrentCommand;
import io.crowdpulse.cli.concurrency.ModuleCommand;
import io.crowdpulse.cli.concurrency.ModulesCommand;
import io.crowdpulse.cli.concurrency.MonitorCommand;
import io.crowdpulse.cli.concurrency.OrganizationCommand;
import io.crowdpulse.cli.concurrency.OrganizationsCommand;
import io.crowdpulse.cli.health.HealthCommand;
import io.crowdpulse.cli.history.AverageCommand;
import io.crowdpulse.cli.history.PeakCommand;
import io.crowdpulse.cli.history.TrendCommand;
import io.crowdpulse.cli.http.ApiClient;
import io.crowdpulse.cli.sessions.EndCommand;
import io.crowdpulse.cli.sessions.StatsCommand;
import io.crowdpulse.cli.sessions.TrackCommand;
import io.crowdpulse.cli.simulate.SimulateCommand;
import io.crowdpulse.cli.time.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code crowdpulse} command: the options every subcommand shares, and the list of subcommands. */
@Command(name = "crowdpulse",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = "Asks Crowdpulse how many users are online, and drives simulated user traffic.",
        subcommands = {
            CurrentCommand.class, ModulesCommand.class, ModuleCommand.class,
            OrganizationsCommand.class, OrganizationCommand.class,
            PeakCommand.class, AverageCommand.class, TrendCommand.class,
            StatsCommand.class, MonitorCommand.class, HealthCommand.class,
            TrackCommand.class, EndCommand.class, SimulateCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the service answered with an error, or is not healthy",
            "2:invalid command line",
            "3:the service is unreachable or did not answer in time"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  CROWDPULSE_URL      default for --url",
            "  CROWDPULSE_API_KEY  default for --api-key"
        })
public final class CrowdpulseCommand implements Callable<Integer> {

    private static final String SERVICE = "session-service";

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:CROWDPULSE_URL:-http://localhost:8081}",
            description = "Base URL of the session-service (default: ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            defaultValue = "${env:CROWDPULSE_API_KEY}",
            description = "API key, sent as 'Authorization: Bearer KEY' (default: $CROWDPULSE_API_KEY).")
    private String apiKey;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the server's JSON, indented, instead of tables.")
    private boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Connect and request timeout, e.g. 10s or 500ms (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    /** A command line ready to execute, with the client's error handling installed. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new CrowdpulseCommand());
        commandLine.setUsageHelpWidth(100);
        commandLine.setExecutionExceptionHandler(new ErrorHandlers.Execution());
        commandLine.setParameterExceptionHandler(new ErrorHandlers.Parameters());
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** A client for the session-service with the URL, key and timeout given on the command line. */
    public ApiClient client() {
        if (timeout.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be greater than zero");
        }
        return new ApiClient(SERVICE, url, apiKey, timeout);
    }

    /** Whether the user asked for the server's JSON instead of tables. */
    public boolean json() {
        return json;
    }
}
