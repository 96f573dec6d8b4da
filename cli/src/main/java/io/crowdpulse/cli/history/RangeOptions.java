package io.crowdpulse.cli.history;

import io.crowdpulse.cli.http.ApiPath;
import picocli.CommandLine.Option;

/** The end of a time range and the optional module filter, shared by the history commands. */
public final class RangeOptions {

    @Option(names = "--end", paramLabel = "TIME", defaultValue = "now",
            description = "End of the range: now, 15m, 24h (ago) or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private String end;

    @Option(names = {"-m", "--module"}, paramLabel = "ID",
            description = "Only this module (default: all modules).")
    private String module;

    /** The query path for {@code what}, passing the times through unchanged: the server parses them. */
    ApiPath path(String what, String start) {
        return ApiPath.of("concurrent-users", what).param("from", start).param("to", end).param("module", module);
    }

    String moduleLabel() {
        return module == null ? "all" : module;
    }
}
