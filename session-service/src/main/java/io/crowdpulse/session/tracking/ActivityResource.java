package io.crowdpulse.session.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
import io.crowdpulse.session.tracking.HeartbeatBatcher.Answer;

/**
 * Ingest of activity heartbeats, one at a time or in batches. The constraints declared on {@link Heartbeat}
 * are checked by {@link HeartbeatChecks} (the same answers as Bean Validation, at a fraction of the cost),
 * and the answer is a plain {@link CompletionStage}: this is the hottest path of the service.
 */
@Path("/api/v1/activity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.INGEST)
public class ActivityResource {

    private final HeartbeatBatcher batcher;
    private final int maxBatch;

    public ActivityResource(HeartbeatBatcher batcher, SessionsConfig config) {
        this.batcher = batcher;
        this.maxBatch = config.maxBatch();
    }

    @POST
    @ResponseStatus(202)
    public CompletionStage<Map<String, Integer>> track(Heartbeat heartbeat) {
        if (heartbeat == null) {
            throw invalid(List.of(new Problem.FieldError("heartbeat", HeartbeatChecks.NOT_NULL)), "");
        }
        List<Problem.FieldError> errors = HeartbeatChecks.violations(heartbeat, "");
        if (!errors.isEmpty()) {
            throw invalid(errors, "");
        }
        return record(List.of(heartbeat), Answer.WHEN_QUEUED);
    }

    @POST
    @Path("/batch")
    @ResponseStatus(202)
    public CompletionStage<Map<String, Integer>> trackBatch(List<Heartbeat> heartbeats) {
        if (heartbeats == null) {
            throw invalid(List.of(new Problem.FieldError("heartbeats", HeartbeatChecks.NOT_NULL)), "");
        }
        // Size first: an oversized batch is refused before any element is looked at.
        if (heartbeats.size() > maxBatch) {
            throw ProblemException.tooLarge("A batch holds at most " + maxBatch + " heartbeats; this one has "
                    + heartbeats.size() + ". Split it.");
        }
        if (heartbeats.isEmpty()) {
            throw ProblemException.badRequest("body", "must hold at least one heartbeat");
        }
        List<Problem.FieldError> errors = null;
        for (int i = 0; i < heartbeats.size(); i++) {
            Heartbeat heartbeat = heartbeats.get(i);
            List<Problem.FieldError> found = heartbeat == null
                    ? List.of(new Problem.FieldError("[" + i + "]", HeartbeatChecks.NOT_NULL))
                    : HeartbeatChecks.violations(heartbeat, "[" + i + "].");
            if (!found.isEmpty()) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.addAll(found);
            }
        }
        if (errors != null) {
            // Nothing of an invalid batch is recorded, so the sender can fix and resend all of it.
            throw invalid(errors, "; nothing of the batch was recorded");
        }
        // A batch is answered once written: its sender (a gateway, a forwarder) is told exactly what Redis holds.
        return record(heartbeats, Answer.WHEN_WRITTEN);
    }

    private static ProblemException invalid(List<Problem.FieldError> errors, String several) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid" + several)
                .withErrors(errors));
    }

    private CompletionStage<Map<String, Integer>> record(List<Heartbeat> heartbeats, Answer when) {
        CompletableFuture<Map<String, Integer>> answer = new CompletableFuture<>();
        batcher.submit(heartbeats, when).whenComplete((n, failure) -> {
            if (failure == null) {
                answer.complete(Map.of("accepted", n));
            } else {
                answer.completeExceptionally(failure instanceof ProblemException ? failure
                        : ProblemException.unavailable("Redis did not take the heartbeats (" + failure.getMessage()
                                + "); nothing was recorded, send them again"));
            }
        });
        return answer;
    }
}
