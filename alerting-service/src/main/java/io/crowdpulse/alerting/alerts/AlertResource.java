package io.crowdpulse.alerting.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.crowdpulse.alerting.alerts.AlertRepository.AlertFilter;
import io.crowdpulse.alerting.alerts.AlertRepository.TimelineEntry;
import io.crowdpulse.common.events.AlertEvent;
import io.crowdpulse.common.overload.DegradedMode;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Caller;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.validation.Identifier;
import io.smallrye.mutiny.Multi;

/** Alerts: list with filters, one with its timeline, acknowledge, resolve, and a live stream of changes. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** Who acts (defaults to the caller's key) and why. */
    public record Action(@Size(max = 128) String by, @Size(max = 2048) String note) {
    }

    /** An alert with its timeline. */
    public record AlertDetail(Alert alert, List<TimelineEntry> timeline) {
    }

    /** How far back a history read may reach while the service is degraded. */
    static final Duration DEGRADED_HISTORY = Duration.ofHours(24);

    private final AlertService alerts;
    private final AlertStream stream;
    private final Clock clock;
    private final DegradedMode degraded;

    public AlertResource(AlertService alerts, AlertStream stream, Clock clock, DegradedMode degraded) {
        this.alerts = alerts;
        this.stream = stream;
        this.clock = clock;
        this.degraded = degraded;
    }

    @GET
    @Access(Role.VIEWER)
    public Page<Alert> list(
            @QueryParam("state") @Pattern(regexp = "pending|firing|resolved", message = "must be pending, firing or resolved") String state,
            @QueryParam("severity") @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity,
            @QueryParam("rule") @Identifier String rule,
            @QueryParam("metric") @Pattern(regexp = "[a-z][a-z0-9_.:-]{0,127}", message = "is not a metric name") String metric,
            @QueryParam("target") @Identifier String target,
            @QueryParam("label") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}:.{0,256}", message = "must be name:value") String label,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        String labelName = label == null ? null : label.substring(0, label.indexOf(':'));
        String labelValue = label == null ? null : label.substring(label.indexOf(':') + 1);
        Instant fromInstant = from == null ? null : TimeExpressions.instant("from", from, clock);
        Instant toInstant = to == null ? null : TimeExpressions.instant("to", to, clock);
        if (!"pending".equals(state) && !"firing".equals(state)
                && (fromInstant == null || fromInstant.isBefore((toInstant == null ? clock.instant() : toInstant)
                        .minus(DEGRADED_HISTORY)))) {
            // Open alerts are what an operator needs most under overload; long history can wait.
            degraded.rejectIfDegraded("alert history beyond " + DEGRADED_HISTORY.toHours() + "h");
        }
        AlertFilter filter = new AlertFilter(state == null ? null : AlertState.valueOf(state.toUpperCase()),
                severity == null ? null : Severity.of(severity), rule, metric, target, labelName, labelValue,
                fromInstant, toInstant);
        return alerts.search(filter, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Access(Role.VIEWER)
    public AlertDetail get(@PathParam("id") UUID id) {
        Alert alert = alerts.find(id).orElseThrow(() -> ProblemException.notFound("No alert " + id));
        return new AlertDetail(alert, alerts.timeline(id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public Alert acknowledge(@PathParam("id") UUID id, @Valid Action action, @Context ContainerRequestContext context) {
        return alerts.acknowledge(id, actor(action, context), action == null ? null : action.note());
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public Alert resolve(@PathParam("id") UUID id, @Valid Action action, @Context ContainerRequestContext context) {
        return alerts.resolve(id, actor(action, context), action == null ? null : action.note());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Access(Role.VIEWER)
    public Multi<AlertEvent> stream() {
        return stream.events();
    }

    private static String actor(Action action, ContainerRequestContext context) {
        if (action != null && action.by() != null && !action.by().isBlank()) {
            return action.by();
        }
        Object caller = context.getProperty(Caller.PROPERTY);
        return caller instanceof Caller c ? "key:" + c.keyFingerprint() : "unknown";
    }
}
