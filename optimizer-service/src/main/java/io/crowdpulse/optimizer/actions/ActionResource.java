package io.crowdpulse.optimizer.actions;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.Response;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.optimizer.api.Ids;
import io.crowdpulse.optimizer.actions.ActionRepository.Filter;
import io.crowdpulse.optimizer.actions.ActionRepository.TimelineEntry;
import io.crowdpulse.optimizer.config.ConfigResource;

/** Actions: list with filters, one with its timeline, a change by hand, and a rollback by hand. */
@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    /** An action with its timeline. */
    public record ActionDetail(Action action, List<TimelineEntry> timeline) {
    }

    /** A change an operator asks for: set {@code knob} of {@code target} to {@code value}; verified like any other. */
    public record ManualChange(@NotNull @Identifier String target,
            @NotNull @Pattern(regexp = "[a-z0-9.-]{1,64}", message = "is not a knob name") String knob,
            @NotNull Double value, @Size(max = 2048) String note) {
    }

    private final ActionService actions;
    private final ManualChanges manual;
    private final Clock clock;

    public ActionResource(ActionService actions, ManualChanges manual, Clock clock) {
        this.actions = actions;
        this.manual = manual;
        this.clock = clock;
    }

    @GET
    @Access(Role.VIEWER)
    public Page<Action> list(@QueryParam("target") @Identifier String target,
            @QueryParam("strategy") @Identifier String strategy,
            @QueryParam("knob") @Pattern(regexp = "[a-z0-9.-]{1,64}", message = "is not a knob name") String knob,
            @QueryParam("state") @Pattern(regexp = "applying|applied|verified|rolled_back|failed|dry_run",
                    message = "must be applying, applied, verified, rolled_back, failed or dry_run") String state,
            @QueryParam("origin") @Pattern(regexp = "auto|manual", message = "must be auto or manual") String origin,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Filter filter = new Filter(target, strategy, knob, state == null ? null : ActionState.of(state), origin,
                from == null ? null : TimeExpressions.instant("from", from, clock),
                to == null ? null : TimeExpressions.instant("to", to, clock));
        return actions.search(filter, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Access(Role.VIEWER)
    public ActionDetail get(@PathParam("id") String idText) {
        UUID id = Ids.uuid("id", idText);
        Action action = actions.find(id).orElseThrow(() -> ProblemException.notFound("No action " + id));
        return new ActionDetail(action, actions.timeline(id));
    }

    /** Changes a knob by hand, tracked and verified (and rolled back if it hurts) like the optimizer's own. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public Response change(@Valid @NotNull ManualChange change, @Context ContainerRequestContext context) {
        Action action = manual.change(change.target(), change.knob(), change.value(), change.note(),
                ConfigResource.actor(context));
        return Response.status(Response.Status.CREATED).entity(action).build();
    }

    @POST
    @Path("/{id}/rollback")
    @Access(Role.ADMIN)
    public Action rollback(@PathParam("id") String idText, @Context ContainerRequestContext context) {
        UUID id = Ids.uuid("id", idText);
        return actions.rollback(id, ConfigResource.actor(context));
    }
}
