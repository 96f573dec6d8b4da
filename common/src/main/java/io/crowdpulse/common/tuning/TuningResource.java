package io.crowdpulse.common.tuning;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;

/** The tuning contract every service exposes (DESIGN.md): list the knobs, and change one at once. */
@Path("/api/v1/tuning")
@Produces(MediaType.APPLICATION_JSON)
public class TuningResource {

    /** The body of a change: the new value. */
    public record TuningChange(@NotNull Double value) {
    }

    private final TuningRegistry registry;

    public TuningResource(TuningRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Access(Role.VIEWER)
    public List<KnobView> list() {
        return registry.list();
    }

    @GET
    @Path("/{name}")
    @Access(Role.VIEWER)
    public KnobView get(@PathParam("name") String name) {
        return registry.find(name).orElseThrow(() -> ProblemException.notFound("No tuning knob named '" + name + "'"));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public KnobView set(@PathParam("name") String name, @Valid @NotNull TuningChange change) {
        return registry.set(name, change.value());
    }
}
