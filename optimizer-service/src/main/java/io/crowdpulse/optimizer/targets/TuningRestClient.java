package io.crowdpulse.optimizer.targets;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.tuning.KnobView;

/** A target's tuning API (DESIGN.md, "Tuning contract"); built per target by {@link TuningClient}. */
@Path("/api/v1/tuning")
@Produces(MediaType.APPLICATION_JSON)
interface TuningRestClient extends AutoCloseable {

    /** The body of a change. */
    record Change(double value) {
    }

    @GET
    List<KnobView> list();

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    KnobView set(@PathParam("name") String name, Change change);
}
