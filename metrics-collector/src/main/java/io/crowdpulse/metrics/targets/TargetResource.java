package io.crowdpulse.metrics.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

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
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.validation.Identifier;

/** The scrape targets: list them with their health, add and remove them. */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    /** A new target: a name and the URL of its Prometheus text endpoint. */
    public record NewTarget(@NotNull @Identifier String name,
            @NotNull @Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String url) {
    }

    /** A target and how its last scrape went. */
    public record TargetView(String name, String url, boolean configured, Boolean up, Instant lastScrape,
            Double scrapeMillis, Instant lastSuccess, String error, String owner) {

        static TargetView of(Target target, TargetStatus status) {
            return status == null
                    ? new TargetView(target.name(), target.url().toString(), target.configured(), null, null, null, null, null, null)
                    : new TargetView(target.name(), target.url().toString(), target.configured(), status.up(),
                            status.lastScrape(), status.scrapeMillis(), status.lastSuccess(), status.error(), status.owner());
        }
    }

    private final TargetRegistry registry;

    public TargetResource(TargetRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Access(Role.VIEWER)
    public List<TargetView> list() {
        return registry.all().stream().map(t -> TargetView.of(t, registry.status(t.name()).orElse(null))).toList();
    }

    @GET
    @Path("/{name}")
    @Access(Role.VIEWER)
    public TargetView get(@PathParam("name") @Identifier String name) {
        Target target = registry.find(name).orElseThrow(() -> ProblemException.notFound("No target named '" + name + "'"));
        return TargetView.of(target, registry.status(name).orElse(null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Access(Role.ADMIN)
    public TargetView add(@Valid @NotNull NewTarget target) {
        URI url;
        try {
            url = new URI(target.url());
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("url", "is not a valid URL: " + e.getReason());
        }
        if (url.getHost() == null) {
            throw ProblemException.badRequest("url", "needs a host");
        }
        return TargetView.of(registry.add(target.name(), url), null);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Access(Role.ADMIN)
    public void remove(@PathParam("name") @Identifier String name) {
        registry.remove(name);
    }
}
