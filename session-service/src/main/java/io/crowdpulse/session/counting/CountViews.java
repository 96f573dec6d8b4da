package io.crowdpulse.session.counting;

import java.time.Instant;
import java.util.List;

/** What the concurrent-users endpoints answer. */
public final class CountViews {

    private CountViews() {
    }

    public record CurrentView(Instant timestamp, long concurrentUsers, long activeSessions, long windowSeconds) {
    }

    public record ModuleCount(String moduleId, long concurrentUsers) {
    }

    public record ModulesView(Instant timestamp, long windowSeconds, List<ModuleCount> modules) {
    }

    public record ModuleView(Instant timestamp, long windowSeconds, String moduleId, long concurrentUsers) {
    }

    public record OrganizationCount(String organizationId, long concurrentUsers) {
    }

    public record OrganizationsView(Instant timestamp, long windowSeconds, List<OrganizationCount> organizations) {
    }

    public record OrganizationView(Instant timestamp, long windowSeconds, String organizationId, long concurrentUsers) {
    }
}
