package io.crowdpulse.optimizer.targets;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.crowdpulse.common.overload.CircuitBreakers;
import io.crowdpulse.common.overload.guards.ClientCache;
import io.crowdpulse.common.overload.guards.ClientGuards;
import io.crowdpulse.common.overload.guards.GuardSettings;
import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;

/**
 * Reads and changes the knobs of the configured targets over their tuning API, owning what can go wrong:
 * per call a timeout; per target retries with exponential backoff and jitter (not of a refused change: a
 * 4xx is final), a circuit breaker and a bulkhead, set by {@code crowdpulse.optimizer.client.*} and tunable
 * at runtime ({@code client.*} knobs). The knob list is cached for {@code knob-cache-ttl}.
 */
@ApplicationScoped
@Startup
public class TuningClient {

    /** The longest timeout {@code client.timeout} accepts. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    private static final CircuitBreakers.Knobs KNOBS = new CircuitBreakers.Knobs(KnobNames.CLIENT_TIMEOUT,
            MAX_TIMEOUT, KnobNames.CLIENT_MAX_RETRIES, KnobNames.CLIENT_CIRCUIT_FAILURE_RATIO,
            KnobNames.CLIENT_CIRCUIT_DELAY, KnobNames.CLIENT_BULKHEAD);

    private record Cached(long at, List<KnobView> knobs) {
    }

    private final Map<String, OptimizerConfig.Target> targets;
    private final long cacheMillis;
    private final Clock clock;
    private final CircuitBreakers breakers;
    private final ClientGuards guards;
    /** REST clients by target and the timeout they read with, so a changed timeout builds new ones. */
    private final ClientCache<Duration, TuningRestClient> clients;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TuningClient(OptimizerConfig config, CircuitBreakers breakers, Clock clock) {
        OptimizerConfig.Client c = config.client();
        this.targets = config.targets();
        this.cacheMillis = config.knobCacheTtl().toMillis();
        this.clock = clock;
        this.breakers = breakers;
        this.guards = ClientGuards.newBuilder("tuning-api")
                .destinations("target", target -> "tuning API of " + target)
                .failure(e -> !(e instanceof TuningException)) // a refused change is the target working
                .settings(new GuardSettings(c.timeout(), c.maxRetries(), c.retryDelay(), c.retryJitter(),
                        c.circuitVolume(), c.circuitFailureRatio(), c.circuitDelay(), c.bulkhead()))
                .build();
        this.clients = new ClientCache<>(this::build, MAX_TIMEOUT.plusSeconds(1));
    }

    @PostConstruct
    void register() {
        targets.keySet().forEach(guards::declare);
        breakers.register(guards, KNOBS);
    }

    @PreDestroy
    void close() {
        clients.closeAll();
    }

    public boolean knows(String target) {
        return targets.containsKey(target);
    }

    /** The target's knobs, from the cache when it is fresh. */
    public List<KnobView> knobs(String target) throws TuningException {
        Cached cached = cache.get(target);
        long now = clock.millis();
        if (cached != null && now - cached.at() < cacheMillis) {
            return cached.knobs();
        }
        List<KnobView> knobs = call(target, "read the knobs of", () -> client(target).list());
        cache.put(target, new Cached(now, List.copyOf(knobs)));
        return knobs;
    }

    /** Sets one knob of the target and answers the knob as the target reports it afterwards. */
    public KnobView set(String target, String knob, double value) throws TuningException {
        try {
            return call(target, "set " + knob + " on", () -> client(target).set(knob, new TuningRestClient.Change(value)));
        } finally {
            cache.remove(target);
        }
    }

    private <T> T call(String target, String what, java.util.concurrent.Callable<T> call) throws TuningException {
        if (!knows(target)) {
            throw new TuningException("no target named " + target, true);
        }
        Duration timeout = guards.settings().timeout();
        try {
            Object result = guards.guard(target).call(() -> {
                try {
                    return call.call();
                } catch (WebApplicationException e) {
                    int status = e.getResponse().getStatus();
                    String message = "HTTP " + status + " when trying to " + what + " " + target + answer(e);
                    if (status >= 400 && status < 500 && status != 408 && status != 429) {
                        throw new TuningException(message, true);
                    }
                    throw new TransientFailure(message);
                }
            }, Object.class);
            return cast(result);
        } catch (TuningException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new TuningException("circuit open: " + target + " failed too often lately", false);
        } catch (BulkheadException e) {
            throw new TuningException("too many calls to " + target + " in flight", false);
        } catch (TimeoutException e) {
            throw new TuningException("no answer from " + target + " within " + timeout.toMillis() + " ms", false);
        } catch (TransientFailure e) {
            throw new TuningException(e.getMessage(), false);
        } catch (ProcessingException e) {
            throw new TuningException("cannot reach " + target + ": " + rootMessage(e), false);
        } catch (Exception e) {
            throw new TuningException("cannot " + what + " " + target + ": " + rootMessage(e), false);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** A failure worth retrying (5xx, 408, 429). */
    private static final class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message, null, false, false);
        }
    }

    private TuningRestClient client(String target) {
        return clients.get(target, guards.settings().timeout());
    }

    private TuningRestClient build(String target, Duration timeout) {
        OptimizerConfig.Target t = targets.get(target);
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(t.url()))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .userAgent("crowdpulse-optimizer")
                .clientHeadersFactory((incoming, outgoing) -> {
                    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
                    t.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> headers.add("Authorization", "Bearer " + k));
                    return headers;
                })
                .build(TuningRestClient.class);
    }

    private static String answer(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            return body == null || body.isBlank() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) : body);
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
