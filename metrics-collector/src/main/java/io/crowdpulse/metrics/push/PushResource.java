package io.crowdpulse.metrics.push;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.metrics.config.MetricsConfig;

/**
 * Push ingest for applications that prefer sending to being scraped. The constraints declared on
 * {@link PushRequest} are checked by {@link PushChecks}: the same answers as Bean Validation, without its
 * cost per element on pushes of thousands of samples.
 */
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
    public Map<String, Integer> push(PushRequest request) {
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError("request", PushChecks.NOT_NULL)));
        }
        List<Problem.FieldError> errors = PushChecks.violations(request);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
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

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid").withErrors(errors));
    }
}
