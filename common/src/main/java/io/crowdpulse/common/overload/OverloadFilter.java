package io.crowdpulse.common.overload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.crowdpulse.common.overload.limiter.Partition;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter.Outcome;
import io.crowdpulse.common.overload.ratelimit.ClientRateLimiter;
import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemResponses;
import io.crowdpulse.common.security.ApiKeys;
import io.crowdpulse.common.security.Role;
import io.crowdpulse.common.security.SecurityConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The overload protection in front of every HTTP route, at the Vert.x level (before the REST layer reads
 * a byte of the body): per-key rate limiting (429), then the partitioned concurrency limiter (503). Probes,
 * {@code /q/metrics} and the rest of {@code /q/} pass untouched; admin calls and the tuning API are counted
 * but never shed or rate limited. On the event loop, never blocking; an admitted request costs two atomic
 * updates, one small end-of-response handler and a latency sample.
 */
@Singleton
public class OverloadFilter {

    /** Runs before the other filters (the higher, the sooner). */
    static final int PRIORITY = 10_000;
    private static final String OPEN_PREFIX = "/q/";
    private static final String TUNING_PREFIX = "/api/v1/tuning";
    private static final String STREAM_SUFFIX = "/stream";
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
    private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.MEDIA_TYPE);
    private static final CharSequence X_API_KEY = HttpHeaders.createOptimized("X-API-Key");

    /** A known key, the role it has and the string its rate bucket is kept under. */
    private record Client(String key, Role role) {
    }

    private final PartitionedLimiter limiter;
    private final ClientRateLimiter rateLimiter;
    private final boolean limiterEnabled;
    private final boolean rateLimitEnabled;
    private final boolean keysEnabled;
    private final Map<String, Client> clients;
    private final CharSequence shedRetryAfter;
    private final String shedBody;

    public OverloadFilter(OverloadProtection protection, SecurityConfig security) {
        this.limiter = protection.limiter();
        this.rateLimiter = protection.rateLimiter();
        this.limiterEnabled = protection.limiterEnabled();
        this.rateLimitEnabled = protection.rateLimitEnabled();
        this.keysEnabled = security.enabled();
        this.clients = clients(security);
        this.shedRetryAfter = HttpHeaders.createOptimized(Integer.toString(protection.retryAfterSeconds()));
        this.shedBody = ProblemResponses.toJson(Problem.of(503, "overloaded", "Service overloaded",
                "The service is at its concurrency limit and sheds load; retry after "
                        + protection.retryAfterSeconds() + " s"));
    }

    /**
     * The configured keys, looked up as sent: plain (X-API-Key) and with the Bearer prefix (Authorization),
     * so the usual request costs one hash lookup and no allocation. Admin wins when a key has several roles.
     * This only picks the partition and rate bucket; the API-key filter still authenticates, in constant time.
     */
    private static Map<String, Client> clients(SecurityConfig security) {
        Map<String, Client> map = new HashMap<>();
        put(map, security.ingestKeys().orElse(List.of()), Role.INGEST);
        put(map, security.viewerKeys().orElse(List.of()), Role.VIEWER);
        put(map, security.adminKeys().orElse(List.of()), Role.ADMIN);
        return Map.copyOf(map);
    }

    private static void put(Map<String, Client> map, List<String> keys, Role role) {
        for (String raw : keys) {
            String key = raw.trim();
            if (!key.isEmpty()) {
                Client client = new Client(key, role);
                map.put(key, client);
                map.put("Bearer " + key, client);
            }
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        if (path == null || path.startsWith(OPEN_PREFIX)) {
            rc.next();
            return;
        }
        Client client = keysEnabled ? client(request.headers()) : null;
        Partition partition = partition(request.method(), path, client);
        if (rateLimitEnabled && client != null && partition != Partition.ADMIN) {
            long waitNanos = rateLimiter.tryAcquire(client.key());
            if (waitNanos > 0) {
                rateLimited(rc.response(), waitNanos);
                return;
            }
        }
        if (!limiterEnabled) {
            rc.next();
            return;
        }
        if (partition == Partition.QUERY && path.endsWith(STREAM_SUFFIX)) {
            // A live stream stays open for hours: it must find room to start, but does not hold a place.
            if (!limiter.wouldAdmit(partition)) {
                shed(rc.response());
                return;
            }
            rc.next();
            return;
        }
        int inflight = limiter.tryAcquire(partition);
        if (inflight == PartitionedLimiter.REJECTED) {
            shed(rc.response());
            return;
        }
        rc.addEndHandler(new Admission(limiter, partition, limiter.nanoTime(), inflight, rc.response()));
        rc.next();
    }

    private Client client(MultiMap headers) {
        String apiKey = headers.get(X_API_KEY);
        if (apiKey != null && !apiKey.isEmpty()) {
            Client c = clients.get(apiKey);
            return c != null ? c : slowLookup(apiKey, null);
        }
        String authorization = headers.get(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        Client c = clients.get(authorization);
        return c != null ? c : slowLookup(null, authorization);
    }

    /** Keys sent with spaces around them or a lower-case "bearer": the rare case, parsed as the API-key filter does. */
    private Client slowLookup(String apiKey, String authorization) {
        Optional<String> key = ApiKeys.presentedKey(authorization, apiKey);
        return key.map(clients::get).orElse(null);
    }

    private static Partition partition(HttpMethod method, String path, Client client) {
        if ((client != null && client.role() == Role.ADMIN) || path.startsWith(TUNING_PREFIX)) {
            return Partition.ADMIN;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return Partition.QUERY;
        }
        return Partition.INGEST;
    }

    private void shed(HttpServerResponse response) {
        response.setStatusCode(503)
                .putHeader(RETRY_AFTER, shedRetryAfter)
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .end(shedBody);
    }

    private static void rateLimited(HttpServerResponse response, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        response.setStatusCode(429)
                .putHeader(RETRY_AFTER, Long.toString(seconds))
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .end(ProblemResponses.toJson(Problem.of(429, "rate-limited", "Too many requests",
                        "This API key is over its rate limit; retry after " + seconds + " s")));
    }

    /** Gives the limiter its place back when the response has gone (or the connection with it), once. */
    private static final class Admission implements Handler<AsyncResult<Void>> {
        private final PartitionedLimiter limiter;
        private final Partition partition;
        private final long startNanos;
        private final int inflight;
        private final HttpServerResponse response;
        private boolean released;

        Admission(PartitionedLimiter limiter, Partition partition, long startNanos, int inflight,
                HttpServerResponse response) {
            this.limiter = limiter;
            this.partition = partition;
            this.startNanos = startNanos;
            this.inflight = inflight;
            this.response = response;
        }

        @Override
        public void handle(AsyncResult<Void> ended) {
            if (released) {
                return;
            }
            released = true;
            limiter.release(partition, startNanos, inflight, outcome(ended));
        }

        private Outcome outcome(AsyncResult<Void> ended) {
            if (ended.failed()) {
                return Outcome.DROPPED;
            }
            int status = response.getStatusCode();
            if (status == 504) {
                return Outcome.DROPPED;
            }
            return status >= 500 ? Outcome.IGNORE : Outcome.SUCCESS;
        }
    }
}
