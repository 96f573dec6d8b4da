package io.crowdpulse.metrics.anomalies;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.metrics.push.PushRequest;

/** Detected anomalies, newest first, filtered and paged. */
@Path("/api/v1/anomalies")
@Produces(MediaType.APPLICATION_JSON)
public class AnomalyResource {

    private final AnomalyRepository repository;
    private final Clock clock;

    public AnomalyResource(AnomalyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GET
    @Access(Role.VIEWER)
    public Page<AnomalyRecord> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("severity") @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity,
            @QueryParam("metric") @Pattern(regexp = PushRequest.METRIC_PATTERN, message = "is not a metric name") String metric,
            @QueryParam("target") @Identifier String target,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        TimeRange range = TimeRange.parse(from, to, "24h", "now", clock);
        try {
            return repository.find(range.from(), range.to(), severity, metric, target, PageRequest.of(page, size));
        } catch (SQLException e) {
            throw ProblemException.unavailable("Anomalies are stored in PostgreSQL, which is unreachable now");
        }
    }
}
