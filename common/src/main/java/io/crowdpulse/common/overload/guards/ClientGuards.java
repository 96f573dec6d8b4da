package io.crowdpulse.common.overload.guards;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * The SmallRye Fault Tolerance guards of one outbound client, one per destination (a target, a receiver),
 * each built from the client's settings in force when it was built. {@link #update} changes the settings at
 * once: the next call to each destination builds a new guard with them (and a closed circuit), while calls
 * in flight finish under the old one. Built with {@link #newBuilder(String)}.
 */
public final class ClientGuards {

    private static final Logger LOG = Logger.getLogger(ClientGuards.class);

    /**
     * One destination's circuit breaker: its name ({@code client:destination}), what it protects, and the
     * name SmallRye knows it by, or null when no call has built it with the settings in force yet.
     */
    public record Breaker(String name, String protects, String breakerName) {
    }

    private record Built(Guard guard, String breakerName, GuardSettings settings) {
    }

    private final String name;
    private final String destinationKind;
    private final Function<String, String> protects;
    private final Predicate<Throwable> failure;
    private final Duration timeoutSlack;
    private final Map<String, String> destinations = new ConcurrentSkipListMap<>();
    private final Map<String, Built> guards = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();
    private volatile GuardSettings settings;

    private ClientGuards(Builder b) {
        this.name = b.name;
        this.destinationKind = b.destinationKind;
        this.protects = b.protects;
        this.failure = b.failure;
        this.timeoutSlack = b.timeoutSlack;
        this.settings = b.settings;
    }

    public static Builder newBuilder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** What this client calls, in a word ("target", "receiver"), for knob descriptions. */
    public String destinationKind() {
        return destinationKind;
    }

    public GuardSettings settings() {
        return settings;
    }

    /** Applies a change of the settings to every destination's next call. */
    public synchronized void update(UnaryOperator<GuardSettings> change) {
        GuardSettings before = settings;
        settings = Objects.requireNonNull(change.apply(before));
        LOG.debugf("Guards of %s rebuilt on their next call: %s -> %s", name, before, settings);
    }

    /** Makes a destination known before its first call, so its circuit shows from the start. */
    public void declare(String destination) {
        destinations.computeIfAbsent(destination, protects);
    }

    /** The guard of {@code destination}, built now if it has none yet or the settings changed since. */
    public Guard guard(String destination) {
        declare(destination);
        GuardSettings now = settings;
        Built built = guards.get(destination);
        if (built == null || built.settings() != now) {
            built = guards.compute(destination, (d, current) ->
                    current != null && current.settings() == now ? current : build(d, now));
        }
        return built.guard();
    }

    /** Forgets a destination that is gone, with its circuit. */
    public void forget(String destination) {
        destinations.remove(destination);
        guards.remove(destination);
    }

    /** Every known destination's circuit breaker, by destination. */
    public List<Breaker> breakers() {
        GuardSettings now = settings;
        List<Breaker> all = new ArrayList<>();
        destinations.forEach((destination, what) -> {
            Built built = guards.get(destination);
            all.add(new Breaker(name + ":" + destination, what,
                    built != null && built.settings() == now ? built.breakerName() : null));
        });
        return all;
    }

    private Built build(String destination, GuardSettings s) {
        // SmallRye refuses a second circuit breaker under a name it knows, so every build gets its own.
        String breakerName = name + ":" + destination + "#" + builds.incrementAndGet();
        String what = destinations.getOrDefault(destination, protects.apply(destination));
        Guard.Builder b = Guard.create().withDescription(what)
                .withTimeout().duration(s.timeout().plus(timeoutSlack).toMillis(), ChronoUnit.MILLIS).done();
        if (s.maxRetries() > 0) {
            b = b.withRetry().maxRetries(s.maxRetries())
                    .delay(s.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(s.retryJitter().toMillis(), ChronoUnit.MILLIS)
                    .whenException(failure)
                    .withExponentialBackoff().factor(2).done()
                    .onRetry(() -> LOG.debugf("Retrying a call to the %s", what))
                    .done();
        }
        Guard guard = b.withCircuitBreaker().name(breakerName)
                .requestVolumeThreshold(s.circuitVolume())
                .failureRatio(s.circuitFailureRatio())
                .delay(s.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .when(failure).done()
                .withBulkhead().limit(s.bulkhead()).done()
                .build();
        return new Built(guard, breakerName, s);
    }

    /** Builds {@link ClientGuards}; every setter checks its argument. */
    public static final class Builder {
        private final String name;
        private String destinationKind = "destination";
        private Function<String, String> protects = d -> d;
        private Predicate<Throwable> failure = e -> true;
        private Duration timeoutSlack = Duration.ZERO;
        private GuardSettings settings;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("client name must be 1-64 of [a-z0-9-]: " + name);
            }
            this.name = name;
        }

        /** What the client calls, in a word, and what the guard of one destination protects. */
        public Builder destinations(String kind, Function<String, String> protects) {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException("destination kind must not be blank");
            }
            this.destinationKind = kind;
            this.protects = Objects.requireNonNull(protects);
            return this;
        }

        /** Which errors are failures: retried and counted against the circuit (by default all of them). */
        public Builder failure(Predicate<Throwable> failure) {
            this.failure = Objects.requireNonNull(failure);
            return this;
        }

        /**
         * How much longer than the settings' timeout the guard waits, when the client's own read timeout is
         * the one meant to end a slow call and the guard's only a backstop.
         */
        public Builder timeoutSlack(Duration slack) {
            if (slack == null || slack.isNegative()) {
                throw new IllegalArgumentException("timeout slack must not be negative: " + slack);
            }
            this.timeoutSlack = slack;
            return this;
        }

        public Builder settings(GuardSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public ClientGuards build() {
            if (settings == null) {
                throw new IllegalStateException("guards of " + name + " need settings");
            }
            return new ClientGuards(this);
        }
    }
}
