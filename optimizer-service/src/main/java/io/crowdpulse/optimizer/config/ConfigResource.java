package io.crowdpulse.optimizer.config;

import java.util.List;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.crowdpulse.common.security.Access;
import io.crowdpulse.common.security.Caller;
import io.crowdpulse.common.security.Role;

/** The optimizer's runtime settings: read them, and change any of them (the others keep their values). */
@Path("/api/v1/optimizer/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    /** The settings in force, durations as {@code 60s}, {@code 5m}; plus the fixed, configured facts. */
    public record SettingsView(String mode, String evaluationInterval, String verificationWindow,
            double rollbackThreshold, String cooldown, int budgetPerHour, boolean dryRun, int maxReplicas,
            List<String> targets) {
    }

    /** A change: any subset of the settings; durations as {@code 30s}, {@code 5m} or ISO-8601. */
    public record SettingsChange(
            @Pattern(regexp = "off|recommend|auto", message = "must be off, recommend or auto") String mode,
            String evaluationInterval, String verificationWindow, Double rollbackThreshold, String cooldown,
            Integer budgetPerHour, Boolean dryRun) {
    }

    private final RuntimeSettings settings;
    private final OptimizerConfig config;

    public ConfigResource(RuntimeSettings settings, OptimizerConfig config) {
        this.settings = settings;
        this.config = config;
    }

    @GET
    @Access(Role.VIEWER)
    public SettingsView get() {
        return view(settings.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    public SettingsView put(@Valid @NotNull SettingsChange change, @Context ContainerRequestContext context) {
        Settings next = settings.current();
        if (change.mode() != null) {
            next = next.withMode(Mode.of(change.mode()));
        }
        if (change.evaluationInterval() != null) {
            next = next.withEvaluationInterval(Durations.parse("evaluationInterval", change.evaluationInterval()));
        }
        if (change.verificationWindow() != null) {
            next = next.withVerificationWindow(Durations.parse("verificationWindow", change.verificationWindow()));
        }
        if (change.rollbackThreshold() != null) {
            next = next.withRollbackThreshold(change.rollbackThreshold());
        }
        if (change.cooldown() != null) {
            next = next.withCooldown(Durations.parse("cooldown", change.cooldown()));
        }
        if (change.budgetPerHour() != null) {
            next = next.withBudgetPerHour(change.budgetPerHour());
        }
        if (change.dryRun() != null) {
            next = next.withDryRun(change.dryRun());
        }
        return view(settings.update(next, actor(context)));
    }

    private SettingsView view(Settings s) {
        return new SettingsView(s.mode().label(), Durations.format(s.evaluationInterval()),
                Durations.format(s.verificationWindow()), s.rollbackThreshold(), Durations.format(s.cooldown()),
                s.budgetPerHour(), s.dryRun(), config.maxReplicas(), List.copyOf(new TreeSet<>(config.targets().keySet())));
    }

    /** Who made the request, as stored beside what they changed: {@code key:<fingerprint>}. */
    public static String actor(ContainerRequestContext context) {
        Object caller = context.getProperty(Caller.PROPERTY);
        return caller instanceof Caller c ? "key:" + c.keyFingerprint() : "unknown";
    }
}
