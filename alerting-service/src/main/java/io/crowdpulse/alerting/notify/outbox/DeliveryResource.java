package io.crowdpulse.alerting.notify.outbox;

import java.time.Clock;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.alerting.notify.Dispatcher;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.common.validation.Identifier;

/** The outbox as operators see it: deliveries with their state, attempts and last error; dead ones can be retried. */
@Path("/api/v1/notifications/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public DeliveryResource(DeliveryService deliveries, Dispatcher dispatcher, Clock clock) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Deliveries created in [from, to) (default the last 7 days), newest first. */
    @GET
    @Access(Role.VIEWER)
    public Page<Delivery> list(
            @QueryParam("state") @Pattern(regexp = DeliveryState.PATTERN, message = "must be pending, sending, delivered, retrying or dead") String state,
            @QueryParam("receiver") @Identifier String receiver,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        TimeRange range = TimeRange.parse(from, to, "7d", "now", clock);
        return deliveries.find(range.from(), range.to(), state == null ? null : DeliveryState.of(state), receiver,
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Access(Role.VIEWER)
    public Delivery get(@PathParam("id") String id) {
        UUID uuid = uuid(id);
        return deliveries.find(uuid).orElseThrow(() -> ProblemException.notFound("No delivery " + id));
    }

    /** Sends a dead delivery again, with fresh attempts. */
    @POST
    @Path("/{id}/retry")
    @Access(Role.ADMIN)
    public Delivery retry(@PathParam("id") String id) {
        Delivery revived = deliveries.retry(uuid(id));
        dispatcher.nudge();
        return revived;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "must be a delivery id (a UUID)");
        }
    }
}
