package io.crowdpulse.cli.concurrency;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crowdpulse module ID}: users online in one module. */
@Command(name = "module",
        description = "Show how many users are online in one module.")
public final class ModuleCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The module id, e.g. accounting.")
    private String moduleId;

    @Override
    public Integer call() {
        return show(client().get(ApiPath.of("concurrent-users", "modules", moduleId)), ModuleDetail.class,
                module -> Table.keyValue()
                        .row("Module", module.moduleId())
                        .row("Concurrent users", module.concurrentUsers())
                        .row("Window", module.windowSeconds() + "s")
                        .row("As of", module.timestamp())
                        .render());
    }

    /** What {@code GET /concurrent-users/modules/{id}} answers. */
    record ModuleDetail(String timestamp, long windowSeconds, String moduleId, long concurrentUsers) {
    }
}
