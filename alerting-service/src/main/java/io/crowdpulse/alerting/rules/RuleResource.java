package io.crowdpulse.alerting.rules;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.validation.Identifier;

/** Rules: list, read, add, change, disable (via {@code enabled}) and delete. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Access(Role.VIEWER)
    public List<RuleDefinition> list() {
        return rules.all().stream().map(RuleDefinition::of).toList();
    }

    @GET
    @Path("/{name}")
    @Access(Role.VIEWER)
    public RuleDefinition get(@PathParam("name") @Identifier String name) {
        return rules.find(name).map(RuleDefinition::of)
                .orElseThrow(() -> ProblemException.notFound("No rule named '" + name + "'"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Access(Role.ADMIN)
    public RuleDefinition create(@Valid @NotNull RuleDefinition definition) {
        return RuleDefinition.of(rules.create(definition));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public RuleDefinition replace(@PathParam("name") @Identifier String name, @Valid @NotNull RuleDefinition definition) {
        return RuleDefinition.of(rules.replace(name, definition));
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Access(Role.ADMIN)
    public void delete(@PathParam("name") @Identifier String name) {
        rules.delete(name);
    }
}
