package io.crowdpulse.session.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.session.config.SessionsConfig;
import io.smallrye.mutiny.Uni;

/** Ingest of activity heartbeats, one at a time or in batches. */
@Path("/api/v1/activity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.INGEST)
public class ActivityResource {

    private final HeartbeatBatcher batcher;
    private final int maxBatch;
    private final Validator validator;

    public ActivityResource(HeartbeatBatcher batcher, SessionsConfig config, Validator validator) {
        this.batcher = batcher;
        this.validator = validator;
        this.maxBatch = config.maxBatch();
    }

    @POST
    @ResponseStatus(202)
    public Uni<Map<String, Integer>> track(@Valid @NotNull Heartbeat heartbeat) {
        return record(List.of(heartbeat));
    }

    @POST
    @Path("/batch")
    @ResponseStatus(202)
    public Uni<Map<String, Integer>> trackBatch(@NotNull List<Heartbeat> heartbeats) {
        // Size first: an oversized batch is refused before any element is looked at.
        if (heartbeats.size() > maxBatch) {
            throw ProblemException.tooLarge("A batch holds at most " + maxBatch + " heartbeats; this one has "
                    + heartbeats.size() + ". Split it.");
        }
        if (heartbeats.isEmpty()) {
            throw ProblemException.badRequest("body", "must hold at least one heartbeat");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < heartbeats.size(); i++) {
            Heartbeat heartbeat = heartbeats.get(i);
            if (heartbeat == null) {
                errors.add(new Problem.FieldError("[" + i + "]", "must not be null"));
                continue;
            }
            for (ConstraintViolation<Heartbeat> v : validator.validate(heartbeat)) {
                errors.add(new Problem.FieldError("[" + i + "]." + v.getPropertyPath(), v.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            // Nothing of an invalid batch is recorded, so the sender can fix and resend all of it.
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                            : errors.size() + " fields are invalid; nothing of the batch was recorded")
                    .withErrors(errors));
        }
        return record(heartbeats);
    }

    private Uni<Map<String, Integer>> record(List<Heartbeat> heartbeats) {
        return batcher.submit(heartbeats)
                .map(n -> Map.of("accepted", n))
                .onFailure(f -> !(f instanceof ProblemException))
                .transform(f -> ProblemException.unavailable(
                        "Redis did not take the heartbeats (" + f.getMessage() + "); nothing was recorded, send them again"));
    }
}
