package io.crowdpulse.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;

import io.crowdpulse.cli.http.ApiClient;
import io.crowdpulse.cli.http.ApiResponse;
import io.crowdpulse.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand that calls the service shares: the client, the output, and {@code --json}. */
public abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    private CrowdpulseCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    protected ApiClient client() {
        return root.client();
    }

    protected boolean json() {
        return root.json();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected CommandLine commandLine() {
        return spec.commandLine();
    }

    /** Prints the response: the server's JSON with {@code --json}, else {@code human} applied to its record. */
    protected <T> int show(ApiResponse response, Class<T> type, Function<T, String> human) {
        if (json()) {
            printJson(response);
        } else {
            out().print(human.apply(response.as(type)));
            out().flush();
        }
        return ExitCodes.OK;
    }

    protected void printJson(ApiResponse response) {
        out().println(Json.pretty(response.body()));
        out().flush();
    }
}
