package io.crowdpulse.cli.concurrency;

import java.util.List;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.output.Formats;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crowdpulse organizations}: the organizations with the most users online. */
@Command(name = "organizations", aliases = "orgs",
        description = "Show the organizations with the most users online.")
public final class OrganizationsCommand extends ApiCommand {

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "10",
            description = "How many organizations to show (default: ${DEFAULT-VALUE}).")
    private int top;

    @Override
    public Integer call() {
        ApiPath path = ApiPath.of("concurrent-users", "organizations").param("top", top);
        return show(client().get(path), OrganizationList.class, OrganizationsCommand::render);
    }

    private static String render(OrganizationList list) {
        List<OrganizationUsers> organizations = list.organizations() == null ? List.of() : list.organizations();
        if (organizations.isEmpty()) {
            return "No users online in any organization (" + list.windowSeconds() + "s window, as of "
                    + list.timestamp() + ")\n";
        }
        long max = organizations.stream().mapToLong(OrganizationUsers::concurrentUsers).max().orElse(0);
        Table table = Table.withHeaders("RANK", "ORGANIZATION", "USERS", "");
        for (int i = 0; i < organizations.size(); i++) {
            OrganizationUsers organization = organizations.get(i);
            table.row(i + 1, organization.organizationId(), organization.concurrentUsers(),
                    Formats.bar(organization.concurrentUsers(), max, 30));
        }
        return table.render() + "\n" + "top " + organizations.size() + ", " + list.windowSeconds()
                + "s window, as of " + list.timestamp() + "\n";
    }

    /** What {@code GET /concurrent-users/organizations} answers. */
    record OrganizationList(String timestamp, long windowSeconds, List<OrganizationUsers> organizations) {
    }

    /** Users online in one organization. */
    record OrganizationUsers(String organizationId, long concurrentUsers) {
    }
}
