package io.crowdpulse.session.counting;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.session.config.SessionSettings;
import io.crowdpulse.session.counting.CountViews.CurrentView;
import io.crowdpulse.session.counting.CountViews.ModuleCount;
import io.crowdpulse.session.counting.CountViews.ModuleView;
import io.crowdpulse.session.counting.CountViews.ModulesView;
import io.crowdpulse.session.counting.CountViews.OrganizationCount;
import io.crowdpulse.session.counting.CountViews.OrganizationView;
import io.crowdpulse.session.counting.CountViews.OrganizationsView;
import io.crowdpulse.session.history.HistoryService;
import io.crowdpulse.session.history.HistoryViews.AverageView;
import io.crowdpulse.session.history.HistoryViews.PeakView;
import io.crowdpulse.session.history.HistoryViews.TrendView;
import io.crowdpulse.session.stream.StatsStream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Concurrent users now (overall, per module, per organization), over time, and live. */
@Path("/api/v1/concurrent-users")
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.VIEWER)
public class ConcurrentUsersResource {

    private final ConcurrencyCounter counter;
    private final HistoryService history;
    private final StatsStream stream;
    private final SessionSettings settings;
    private final Clock clock;

    public ConcurrentUsersResource(ConcurrencyCounter counter, HistoryService history, StatsStream stream,
            SessionSettings settings, Clock clock) {
        this.counter = counter;
        this.history = history;
        this.stream = stream;
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    public Uni<CurrentView> current() {
        return counter.now().map(c -> new CurrentView(c.timestamp(), c.concurrentUsers(), c.activeSessions(),
                c.windowSeconds()));
    }

    @GET
    @Path("/modules")
    public Uni<ModulesView> modules() {
        return counter.perModule().map(counts -> new ModulesView(clock.instant(), windowSeconds(),
                sorted(counts, Integer.MAX_VALUE).entrySet().stream()
                        .map(e -> new ModuleCount(e.getKey(), e.getValue())).toList()));
    }

    @GET
    @Path("/modules/{moduleId}")
    public Uni<ModuleView> module(@PathParam("moduleId") @Identifier String moduleId) {
        return counter.module(moduleId).map(n -> new ModuleView(clock.instant(), windowSeconds(), moduleId, n));
    }

    @GET
    @Path("/organizations")
    public Uni<OrganizationsView> organizations(
            @QueryParam("top") @DefaultValue("10") @Min(1) @Max(10_000) int top) {
        return counter.perOrganization().map(counts -> new OrganizationsView(clock.instant(), windowSeconds(),
                sorted(counts, top).entrySet().stream()
                        .map(e -> new OrganizationCount(e.getKey(), e.getValue())).toList()));
    }

    @GET
    @Path("/organizations/{organizationId}")
    public Uni<OrganizationView> organization(@PathParam("organizationId") @Identifier String organizationId) {
        return counter.organization(organizationId)
                .map(n -> new OrganizationView(clock.instant(), windowSeconds(), organizationId, n));
    }

    @GET
    @Path("/peak")
    public PeakView peak(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("module") @Identifier String moduleId) {
        return history.peak(TimeRange.parse(from, to, "24h", "now", clock), moduleId);
    }

    @GET
    @Path("/average")
    public AverageView average(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("module") @Identifier String moduleId) {
        return history.average(TimeRange.parse(from, to, "1h", "now", clock), moduleId);
    }

    @GET
    @Path("/trend")
    public TrendView trend(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("step") String step, @QueryParam("module") @Identifier String moduleId) {
        return history.trend(TimeRange.parse(from, to, "1h", "now", clock), moduleId,
                step == null || step.isBlank() ? null : TimeExpressions.duration("step", step));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<SessionsStatsEvent> stream() {
        return stream.events();
    }

    private long windowSeconds() {
        return settings.activityWindowMillis() / 1000;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts, int limit) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
