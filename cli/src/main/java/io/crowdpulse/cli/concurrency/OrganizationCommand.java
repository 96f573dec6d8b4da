package io.crowdpulse.cli.concurrency;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.http.ApiPath;
import io.crowdpulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crowdpulse organization ID}: users online in one organization. */
@Command(name = "organization", aliases = "org",
        description = "Show how many users of one organization are online.")
public final class OrganizationCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The organization id, e.g. org-1.")
    private String organizationId;

    @Override
    public Integer call() {
        ApiPath path = ApiPath.of("concurrent-users", "organizations", organizationId);
        return show(client().get(path), OrganizationDetail.class, organization -> Table.keyValue()
                .row("Organization", organization.organizationId())
                .row("Concurrent users", organization.concurrentUsers())
                .row("Window", organization.windowSeconds() + "s")
                .row("As of", organization.timestamp())
                .render());
    }

    /** What {@code GET /concurrent-users/organizations/{id}} answers. */
    record OrganizationDetail(String timestamp, long windowSeconds, String organizationId, long concurrentUsers) {
    }
}
