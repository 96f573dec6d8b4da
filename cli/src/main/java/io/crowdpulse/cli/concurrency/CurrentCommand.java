package io.crowdpulse.cli.concurrency;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code crowdpulse current}: how many users are online now. */
@Command(name = "current",
        description = "Show how many users are online now.")
public final class CurrentCommand extends ApiCommand {

    static final ApiPath PATH = ApiPath.of("concurrent-users");

    @Override
    public Integer call() {
        return show(client().get(PATH), CurrentUsers.class, current -> Table.keyValue()
                .row("Concurrent users", current.concurrentUsers())
                .row("Active sessions", current.activeSessions())
                .row("Window", current.windowSeconds() + "s")
                .row("As of", current.timestamp())
                .render());
    }
}
