package io.crowdpulse.common.overload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import io.crowdpulse.common.overload.guards.ClientGuards;
import io.crowdpulse.common.overload.guards.GuardSettings;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.quarkus.arc.InjectableInstance;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The circuit breakers of this service's outbound clients, for {@code GET /api/v1/concurrency}: a client
 * registers its {@link ClientGuards} with the names of the knobs that tune them, and the state of each
 * breaker is read from SmallRye Fault Tolerance. A service without outbound clients has none.
 */
@Singleton
public class CircuitBreakers {

    static final long MIN_TIMEOUT_MILLIS = 50;
    static final int MAX_RETRIES = 10;
    static final double MIN_FAILURE_RATIO = 0.05;
    static final long MIN_DELAY_MILLIS = 100;
    static final long MAX_DELAY_MILLIS = 600_000;
    static final int MAX_BULKHEAD = 64;

    /**
     * The knobs of one client's settings, by name; a null name leaves that setting fixed. {@code maxTimeout}
     * is the longest timeout the knob accepts.
     */
    public record Knobs(String timeout, Duration maxTimeout, String maxRetries, String circuitFailureRatio,
            String circuitDelay, String bulkhead) {
    }

    /** One breaker now: {@code closed}, {@code open} or {@code half-open}, and the settings it runs with. */
    public record Status(ClientGuards.Breaker breaker, String state, GuardSettings settings) {
    }

    private final List<ClientGuards> clients = new CopyOnWriteArrayList<>();
    private final TuningRegistry tuning;
    private final InjectableInstance<CircuitBreakerMaintenance> maintenance;

    public CircuitBreakers(TuningRegistry tuning, InjectableInstance<CircuitBreakerMaintenance> maintenance) {
        this.tuning = tuning;
        this.maintenance = maintenance;
    }

    /** Shows the circuits of {@code guards} and registers the knobs that change their settings. */
    public void register(ClientGuards guards, Knobs knobs) {
        if (clients.stream().anyMatch(c -> c.name().equals(guards.name()))) {
            throw new IllegalStateException("client guards registered twice: " + guards.name());
        }
        clients.add(guards);
        String kind = guards.destinationKind();
        if (knobs.timeout() != null) {
            tuning.register(Knob.newBuilder(knobs.timeout()).unit("ms")
                    .range(MIN_TIMEOUT_MILLIS, Math.max(MIN_TIMEOUT_MILLIS, knobs.maxTimeout().toMillis()))
                    .description("Longest wait for a " + kind + " to answer one call")
                    .reader(() -> guards.settings().timeout().toMillis())
                    .writer(v -> guards.update(s -> s.withTimeout(Duration.ofMillis((long) v)))).build());
        }
        if (knobs.maxRetries() != null) {
            tuning.register(Knob.newBuilder(knobs.maxRetries()).unit("retries").range(0, MAX_RETRIES)
                    .description("Retries of a call to a " + kind + " that failed for a transient reason")
                    .reader(() -> guards.settings().maxRetries())
                    .writer(v -> guards.update(s -> s.withMaxRetries((int) v))).build());
        }
        if (knobs.circuitFailureRatio() != null) {
            tuning.register(Knob.newBuilder(knobs.circuitFailureRatio()).unit("ratio").range(MIN_FAILURE_RATIO, 1)
                    .integral(false)
                    .description("Share of failed calls among the last " + guards.settings().circuitVolume()
                            + " to a " + kind + " that opens its circuit")
                    .reader(() -> guards.settings().circuitFailureRatio())
                    .writer(v -> guards.update(s -> s.withCircuitFailureRatio(v))).build());
        }
        if (knobs.circuitDelay() != null) {
            tuning.register(Knob.newBuilder(knobs.circuitDelay()).unit("ms").range(MIN_DELAY_MILLIS, MAX_DELAY_MILLIS)
                    .description("How long the open circuit of a " + kind + " stays open before a trial call")
                    .reader(() -> guards.settings().circuitDelay().toMillis())
                    .writer(v -> guards.update(s -> s.withCircuitDelay(Duration.ofMillis((long) v)))).build());
        }
        if (knobs.bulkhead() != null) {
            tuning.register(Knob.newBuilder(knobs.bulkhead()).unit("calls").range(1, MAX_BULKHEAD)
                    .description("Concurrent calls to one " + kind)
                    .reader(() -> guards.settings().bulkhead())
                    .writer(v -> guards.update(s -> s.withBulkhead((int) v))).build());
        }
    }

    /** Every breaker of every client, in registration order then by destination. */
    public List<Status> list() {
        List<Status> all = new ArrayList<>();
        for (ClientGuards client : clients) {
            GuardSettings settings = client.settings();
            for (ClientGuards.Breaker b : client.breakers()) {
                all.add(new Status(b, state(b.breakerName()), settings));
            }
        }
        return all;
    }

    private String state(String breakerName) {
        if (breakerName == null) {
            return label(CircuitBreakerState.CLOSED); // the next call builds a fresh, closed breaker
        }
        if (!maintenance.isResolvable()) {
            return "unknown";
        }
        try {
            return label(maintenance.get().currentState(breakerName));
        } catch (IllegalArgumentException e) {
            // SmallRye does not know the name (yet): nothing has been counted against it.
            return label(CircuitBreakerState.CLOSED);
        }
    }

    private static String label(CircuitBreakerState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
