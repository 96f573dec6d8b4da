package io.crowdpulse.alerting.notify.receivers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

import io.crowdpulse.alerting.alerts.Severity;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.validation.Identifier;

/** The notification receivers: list them, add and remove those not defined by configuration. */
@Path("/api/v1/notifications/receivers")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiverResource {

    /** A new receiver; {@code url} is required except for type log (for type alertmanager, the Alertmanager's base URL). */
    public record NewReceiver(
            @NotNull @Identifier String name,
            @NotNull @Pattern(regexp = ReceiverType.PATTERN, message = "must be one of log, webhook, slack, alertmanager") String type,
            @Size(max = 2048) String url,
            @Size(max = 3) List<@NotNull @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String> severities,
            @Size(max = 32) Map<@Pattern(regexp = ReceiverSpec.LABEL_NAME, message = "must be a label name") String, @NotNull @Size(max = 1024) String> match,
            @Size(max = 32) Map<@Pattern(regexp = ReceiverSpec.HEADER_NAME, message = "must be a header name") String, @NotNull @Size(max = 4096) String> headers,
            Boolean sendResolved) {
    }

    /** A receiver as the API shows it: secrets (header values, a Slack webhook's path, a URL's query) are not shown. */
    public record ReceiverView(String name, String type, String url, List<String> severities, Map<String, String> match,
            Set<String> headers, boolean sendResolved, boolean configured) {

        static ReceiverView of(Receiver r) {
            return new ReceiverView(r.name(), r.type().label(), r.shownUrl(),
                    r.severities().stream().sorted().map(Severity::label).toList(), r.match(),
                    new TreeSet<>(r.headers().keySet()), r.sendResolved(), r.configured());
        }
    }

    private final ReceiverRegistry registry;

    public ReceiverResource(ReceiverRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Access(Role.VIEWER)
    public List<ReceiverView> list() {
        return registry.all().stream().map(ReceiverView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Access(Role.ADMIN)
    public ReceiverView add(@Valid @NotNull NewReceiver body) {
        return ReceiverView.of(registry.add(new ReceiverSpec(body.name(), body.type(), body.url(), body.severities(),
                body.match(), body.headers(), body.sendResolved())));
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Access(Role.ADMIN)
    public void remove(@PathParam("name") @Identifier String name) {
        registry.remove(name);
    }
}
