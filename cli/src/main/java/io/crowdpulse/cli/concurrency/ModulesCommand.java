package io.crowdpulse.cli.concurrency;

import java.util.List;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code crowdpulse modules}: users online in each module. */
@Command(name = "modules",
        description = "Show how many users are online in each module.")
public final class ModulesCommand extends ApiCommand {

    @Override
    public Integer call() {
        return show(client().get(ApiPath.of("concurrent-users", "modules")), ModuleList.class, ModulesCommand::render);
    }

    private static String render(ModuleList list) {
        List<ModuleUsers> modules = list.modules() == null ? List.of() : list.modules();
        if (modules.isEmpty()) {
            return "No users online in any module (" + list.windowSeconds() + "s window, as of " + list.timestamp() + ")\n";
        }
        long max = modules.stream().mapToLong(ModuleUsers::concurrentUsers).max().orElse(0);
        Table table = Table.withHeaders("MODULE", "USERS", "");
        modules.forEach(m -> table.row(m.moduleId(), m.concurrentUsers(),
                Formats.bar(m.concurrentUsers(), max, 30)));
        return table.render() + "\n" + modules.size() + " modules, " + list.windowSeconds() + "s window, as of "
                + list.timestamp() + "\n";
    }

    /** What {@code GET /concurrent-users/modules} answers. */
    record ModuleList(String timestamp, long windowSeconds, List<ModuleUsers> modules) {
    }

    /** Users online in one module. */
    record ModuleUsers(String moduleId, long concurrentUsers) {
    }
}
