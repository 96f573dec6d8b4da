package io.crowdpulse.session.records;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.session.counting.SessionStatsService;
import io.crowdpulse.session.counting.SessionStatsView;
import io.crowdpulse.session.records.SessionRecordRepository.RecordFilter;
import io.crowdpulse.session.tracking.ActivityTracker;
import io.crowdpulse.session.tracking.HeartbeatBatcher;
import io.smallrye.mutiny.Uni;

/** Sessions: end one, their rates and durations, and the history of ended sessions. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final ActivityTracker tracker;
    private final HeartbeatBatcher batcher;
    private final SessionStatsService stats;
    private final SessionRecordRepository records;
    private final Clock clock;

    public SessionResource(ActivityTracker tracker, HeartbeatBatcher batcher, SessionStatsService stats,
            SessionRecordRepository records, Clock clock) {
        this.tracker = tracker;
        this.batcher = batcher;
        this.stats = stats;
        this.records = records;
        this.clock = clock;
    }

    @DELETE
    @Path("/{sessionId}")
    @ResponseStatus(204)
    @Access(Role.INGEST)
    public Uni<Void> end(@PathParam("sessionId") @Identifier String sessionId) {
        // After the heartbeats answered before it: a heartbeat still queued must not reopen the session.
        return batcher.afterWritten().chain(() -> tracker.endSession(sessionId)).map(ended -> {
            if (!ended) {
                throw ProblemException.notFound("No open session '" + sessionId + "'");
            }
            return null;
        });
    }

    @GET
    @Path("/stats")
    @Access(Role.VIEWER)
    public Uni<SessionStatsView> stats(@QueryParam("window") String window) {
        return stats.stats(TimeExpressions.duration("window", window == null || window.isBlank() ? "5m" : window));
    }

    @GET
    @Path("/history")
    @Access(Role.VIEWER)
    public Page<SessionRecord> history(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("userId") @Identifier String userId,
            @QueryParam("organizationId") @Identifier String organizationId,
            @QueryParam("sessionId") @Identifier String sessionId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        TimeRange range = TimeRange.parse(from, to, "24h", "now", clock);
        try {
            return records.find(new RecordFilter(range.from(), range.to(), userId, organizationId, sessionId),
                    PageRequest.of(page, size));
        } catch (SQLException e) {
            throw ProblemException.unavailable("Session history lives in PostgreSQL, which is unreachable now");
        }
    }
}
