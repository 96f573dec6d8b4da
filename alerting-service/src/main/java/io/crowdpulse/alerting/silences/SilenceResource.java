package io.crowdpulse.alerting.silences;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Caller;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.validation.Identifier;

/** Silences: create one for a time, list them, expire one early. */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** A new silence: what it matches (at least one matcher), from when (now if absent) until when or for how long. */
    public record NewSilence(@Identifier String rule,
            @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity,
            @Pattern(regexp = "[a-z][a-z0-9_.:-]{0,127}", message = "is not a metric name") String metric,
            @Identifier String target, @Size(max = 16) Map<String, String> labels, Instant startsAt, Instant endsAt,
            String duration, @Size(max = 128) String createdBy, @Size(max = 1024) String comment) {
    }

    private final SilenceRepository repository;
    private final Clock clock;

    public SilenceResource(SilenceRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Access(Role.ADMIN)
    public Silence create(@Valid @NotNull NewSilence request, @Context ContainerRequestContext context) {
        if (request.rule() == null && request.severity() == null && request.metric() == null && request.target() == null
                && (request.labels() == null || request.labels().isEmpty())) {
            throw ProblemException.badRequest("matchers", "a silence needs at least one of rule, severity, metric, target, labels");
        }
        Instant start = request.startsAt() == null ? clock.instant() : request.startsAt();
        Instant end;
        if (request.endsAt() != null) {
            end = request.endsAt();
        } else if (request.duration() != null) {
            end = start.plus(TimeExpressions.duration("duration", request.duration()));
        } else {
            throw ProblemException.badRequest("endsAt", "give endsAt or duration");
        }
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("endsAt", "must be after startsAt");
        }
        String by = request.createdBy() != null ? request.createdBy() : callerName(context);
        Silence silence = new Silence(UUID.randomUUID(), request.rule(), request.severity(), request.metric(),
                request.target(), request.labels(), start, end, by, request.comment(), null);
        try {
            repository.insert(silence);
        } catch (SQLException e) {
            throw ProblemException.unavailable("Silences are stored in PostgreSQL, which is unreachable now");
        }
        return silence;
    }

    @GET
    @Access(Role.VIEWER)
    public List<Silence> list(@QueryParam("all") boolean all) {
        try {
            return repository.list(!all, clock.instant());
        } catch (SQLException e) {
            throw ProblemException.unavailable("Silences are stored in PostgreSQL, which is unreachable now");
        }
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Access(Role.ADMIN)
    public void expire(@PathParam("id") UUID id) {
        try {
            if (!repository.expire(id, clock.instant())) {
                throw ProblemException.notFound("No silence " + id + " in force");
            }
        } catch (SQLException e) {
            throw ProblemException.unavailable("Silences are stored in PostgreSQL, which is unreachable now");
        }
    }

    static String callerName(ContainerRequestContext context) {
        Object caller = context.getProperty(Caller.PROPERTY);
        return caller instanceof Caller c ? "key:" + c.keyFingerprint() : "unknown";
    }
}
