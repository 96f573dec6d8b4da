package io.crowdpulse.optimizer.recommendations;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.optimizer.api.Ids;
import io.crowdpulse.optimizer.actions.Action;
import io.crowdpulse.optimizer.config.ConfigResource;
import io.crowdpulse.optimizer.recommendations.RecommendationRepository.Filter;

/** Recommendations: list with filters, one, apply one now, dismiss one. */
@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Access(Role.VIEWER)
    public Page<Recommendation> list(@QueryParam("target") @Identifier String target,
            @QueryParam("strategy") @Identifier String strategy,
            @QueryParam("knob") @Pattern(regexp = "[a-z0-9.-]{1,64}", message = "is not a knob name") String knob,
            @QueryParam("status") @Pattern(regexp = "open|applied|dismissed|expired",
                    message = "must be open, applied, dismissed or expired") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return recommendations.search(new Filter(target, strategy, knob,
                status == null ? null : RecommendationStatus.of(status)), PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Access(Role.VIEWER)
    public Recommendation get(@PathParam("id") String idText) {
        UUID id = Ids.uuid("id", idText);
        return recommendations.find(id).orElseThrow(() -> ProblemException.notFound("No recommendation " + id));
    }

    /** Applies the recommendation now; answers the action (applied, failed, or dry_run). */
    @POST
    @Path("/{id}/apply")
    @Access(Role.ADMIN)
    public Action apply(@PathParam("id") String idText, @Context ContainerRequestContext context) {
        UUID id = Ids.uuid("id", idText);
        return recommendations.apply(id, ConfigResource.actor(context));
    }

    @POST
    @Path("/{id}/dismiss")
    @Access(Role.ADMIN)
    public Recommendation dismiss(@PathParam("id") String idText, @Context ContainerRequestContext context) {
        UUID id = Ids.uuid("id", idText);
        return recommendations.dismiss(id, ConfigResource.actor(context));
    }
}
