package io.crowdpulse.cli.sessions;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.http.ApiPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crowdpulse track}: sends one activity heartbeat, as an application would. */
@Command(name = "track",
        description = "Send one activity heartbeat for a user (needs an ingest key).")
public final class TrackCommand extends ApiCommand {

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "ID", description = "The user id.")
    private String userId;

    @Option(names = {"-o", "--org", "--organization"}, required = true, paramLabel = "ID",
            description = "The user's organization id.")
    private String organizationId;

    @Option(names = {"-s", "--session"}, required = true, paramLabel = "ID", description = "The session id.")
    private String sessionId;

    @Option(names = {"-m", "--module"}, required = true, paramLabel = "ID",
            description = "The module the user is in.")
    private String moduleId;

    @Option(names = "--user-agent", paramLabel = "UA", description = "The user's browser User-Agent (optional).")
    private String userAgent;

    @Override
    public Integer call() {
        var response = client().post(ApiPath.of("activity"),
                new Activity(userId, organizationId, sessionId, moduleId, userAgent));
        if (json() && response.hasBody()) {
            printJson(response);
        } else {
            out().println("accepted");
            out().flush();
        }
        return ExitCodes.OK;
    }
}
