package io.crowdpulse.metrics.series;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.crowdpulse.common.events.MetricSample;
import io.crowdpulse.common.events.MetricsSnapshotEvent;
import io.crowdpulse.common.overload.DegradedMode;
import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.time.TimeExpressions;
import io.crowdpulse.common.time.TimeRange;
import io.crowdpulse.common.validation.Identifier;
import io.crowdpulse.metrics.push.PushRequest;
import io.crowdpulse.metrics.series.SeriesStore.SeriesDetail;
import io.crowdpulse.metrics.series.SeriesStore.SeriesInfo;
import io.crowdpulse.metrics.series.SeriesStore.SeriesPoints;
import io.smallrye.mutiny.Multi;

/** The series this replica holds: current values, statistics, recent points, export and a live stream. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.VIEWER)
public class SeriesResource {

    private static final String METRIC = PushRequest.METRIC_PATTERN;

    private final SeriesStore store;
    private final SnapshotStream stream;
    private final Clock clock;
    private final DegradedMode degraded;

    public SeriesResource(SeriesStore store, SnapshotStream stream, Clock clock, DegradedMode degraded) {
        this.store = store;
        this.stream = stream;
        this.clock = clock;
        this.degraded = degraded;
    }

    /** The latest value of every matching series. */
    @GET
    @Path("/current")
    public MetricsSnapshotEvent current(@QueryParam("metric") @Pattern(regexp = METRIC) String metric,
            @QueryParam("target") @Identifier String target) {
        List<MetricSample> samples = new ArrayList<>();
        for (SeriesInfo s : store.list(metric, target)) {
            if (!s.quality().stale()) {
                samples.add(new MetricSample(s.metric(), s.target(), s.labels(), s.lastValue()));
            }
        }
        return MetricsSnapshotEvent.of(clock.instant(), samples);
    }

    @GET
    @Path("/series")
    public Page<SeriesInfo> series(@QueryParam("metric") @Pattern(regexp = METRIC) String metric,
            @QueryParam("target") @Identifier String target, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        List<SeriesInfo> all = store.list(metric, target);
        int from = (int) Math.min(all.size(), request.offset());
        return new Page<>(all.subList(from, Math.min(all.size(), from + request.size())), request.page(),
                request.size(), all.size());
    }

    @GET
    @Path("/series/{metric}")
    public List<SeriesDetail> describe(@PathParam("metric") @Pattern(regexp = METRIC) String metric,
            @QueryParam("target") @Identifier String target, @QueryParam("window") String window) {
        Duration points = TimeExpressions.duration("window", window == null || window.isBlank() ? "5m" : window);
        List<SeriesDetail> details = store.describe(metric, target, points);
        if (details.isEmpty()) {
            throw ProblemException.notFound("No series of metric '" + metric + "'"
                    + (target == null ? "" : " and target '" + target + "'"));
        }
        return details;
    }

    /**
     * Points of matching series in [from, to), as CSV ({@code metric,target,labels,timestamp,value}) or JSON.
     * The collector's most expensive read and its least urgent: refused while the service is degraded.
     */
    @GET
    @Path("/export")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("metric") @Pattern(regexp = METRIC) String metric,
            @QueryParam("target") @Identifier String target,
            @QueryParam("format") @Pattern(regexp = "csv|json", message = "must be csv or json") String format) {
        degraded.rejectIfDegraded("metric exports");
        TimeRange range = TimeRange.parse(from, to, "15m", "now", clock);
        List<SeriesPoints> series = store.points(metric, target, range.from(), range.to());
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder("metric,target,labels,timestamp,value\n");
            for (SeriesPoints s : series) {
                String labels = csvField(s.key().labels().isEmpty() ? "" : s.key().labels().toString());
                for (SeriesStore.PointView p : s.points()) {
                    csv.append(s.key().metric()).append(',').append(s.key().target()).append(',').append(labels)
                            .append(',').append(p.timestamp()).append(',').append(p.value()).append('\n');
                }
            }
            return Response.ok(csv.toString(), "text/csv")
                    .header("Content-Disposition", "attachment; filename=\"metrics.csv\"").build();
        }
        return Response.ok(Map.of("from", range.from(), "to", range.to(), "series", series), MediaType.APPLICATION_JSON)
                .build();
    }

    /** Server-Sent Events: each snapshot, cut down to the metric and target asked for. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<MetricsSnapshotEvent> stream(@QueryParam("metric") @Pattern(regexp = METRIC) String metric,
            @QueryParam("target") @Identifier String target) {
        return stream.events(metric, target);
    }

    private static String csvField(String value) {
        return value.isEmpty() ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }
}
