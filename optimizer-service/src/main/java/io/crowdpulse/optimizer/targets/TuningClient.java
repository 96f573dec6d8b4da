package io.crowdpulse.optimizer.targets;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.crowdpulse.common.tuning.KnobView;
import io.crowdpulse.optimizer.config.OptimizerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Reads and changes the knobs of the configured targets over their tuning API, owning what can go wrong:
 * per call a timeout; per target retries with exponential backoff and jitter (not of a refused change: a
 * 4xx is final), a circuit breaker and a bulkhead, all set by {@code crowdpulse.optimizer.client.*}. The
 * knob list is cached for {@code knob-cache-ttl}.
 */
@ApplicationScoped
public class TuningClient {

    private static final Logger LOG = Logger.getLogger(TuningClient.class);

    private record Cached(long at, List<KnobView> knobs) {
    }

    private final OptimizerConfig.Client settings;
    private final Map<String, OptimizerConfig.Target> targets;
    private final long cacheMillis;
    private final Clock clock;
    private final Map<String, TuningRestClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TuningClient(OptimizerConfig config, Clock clock) {
        this.settings = config.client();
        this.targets = config.targets();
        this.cacheMillis = config.knobCacheTtl().toMillis();
        this.clock = clock;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down
            }
        });
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
        Guard guard = guards.computeIfAbsent(target, this::guard);
        try {
            Object result = guard.call(() -> {
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
            throw new TuningException("no answer from " + target + " within " + settings.timeout().toMillis() + " ms", false);
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
        return clients.computeIfAbsent(target, name -> {
            OptimizerConfig.Target t = targets.get(name);
            long timeout = settings.timeout().toMillis();
            return QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(t.url()))
                    .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                    .readTimeout(timeout, TimeUnit.MILLISECONDS)
                    .followRedirects(false)
                    .userAgent("crowdpulse-optimizer")
                    .clientHeadersFactory((incoming, outgoing) -> {
                        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
                        t.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> headers.add("Authorization", "Bearer " + k));
                        return headers;
                    })
                    .build(TuningRestClient.class);
        });
    }

    private Guard guard(String target) {
        return Guard.create()
                .withDescription("tuning API of " + target)
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(settings.maxRetries())
                .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(settings.retryJitter().toMillis(), ChronoUnit.MILLIS)
                .abortOn(TuningException.class)
                .withExponentialBackoff().factor(2).done()
                .onRetry(() -> LOG.debugf("Retrying a call to the tuning API of %s", target))
                .done()
                .withCircuitBreaker().requestVolumeThreshold(settings.circuitVolume())
                .failureRatio(settings.circuitFailureRatio())
                .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(TuningException.class).done()
                .withBulkhead().limit(settings.bulkhead()).done()
                .build();
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
