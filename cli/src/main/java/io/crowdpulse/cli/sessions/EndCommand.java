package io.crowdpulse.cli.sessions;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crowdpulse end SESSION}: ends a session, as a logout would. */
@Command(name = "end",
        description = "End a session, as a logout does (needs an ingest key).")
public final class EndCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id.")
    private String sessionId;

    @Override
    public Integer call() {
        client().delete(ApiPath.of("sessions", sessionId));
        out().println("ended " + sessionId);
        out().flush();
        return ExitCodes.OK;
    }
}
