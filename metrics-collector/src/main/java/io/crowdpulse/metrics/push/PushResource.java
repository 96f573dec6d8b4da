package io.crowdpulse.metrics.push;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.metrics.config.MetricsConfig;

/** Push ingest for applications that prefer sending to being scraped. */
@Path("/api/v1/metrics")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    private final PushBuffer buffer;
    private final int maxBatch;

    public PushResource(PushBuffer buffer, MetricsConfig config) {
        this.buffer = buffer;
        this.maxBatch = config.maxPushBatch();
    }

    @POST
    @ResponseStatus(202)
    @NonBlocking
    @Access(Role.INGEST)
    public Map<String, Integer> push(@Valid @NotNull PushRequest request) {
        int samples = request.samplesOrEmpty().size();
        int timings = request.timingsOrEmpty().size();
        if (samples > maxBatch || timings > maxBatch) {
            throw ProblemException.tooLarge("A push holds at most " + maxBatch + " samples and " + maxBatch
                    + " timings; this one has " + samples + " and " + timings + ". Split it.");
        }
        if (samples + timings == 0) {
            throw ProblemException.badRequest("body", "must hold at least one sample or timing");
        }
        buffer.add(request.samplesOrEmpty(), request.timingsOrEmpty());
        return Map.of("samples", samples, "timings", timings);
    }
}
