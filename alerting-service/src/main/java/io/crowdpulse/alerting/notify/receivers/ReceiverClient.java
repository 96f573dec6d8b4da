package io.crowdpulse.alerting.notify.receivers;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.crowdpulse.alerting.notify.NotificationsConfig;
import io.crowdpulse.alerting.notify.receivers.DeliveryException.Kind;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Posts JSON to receivers, owning what can go wrong on the way: a timeout per post, and per receiver a
 * circuit breaker (a receiver that keeps failing is left alone for a while instead of tying up workers)
 * and a bulkhead. It does not retry: the outbox owns the retry schedule.
 */
@ApplicationScoped
public class ReceiverClient {

    private static final Logger LOG = Logger.getLogger(ReceiverClient.class);
    /** Concurrent posts to one receiver, so one slow receiver cannot take every worker. */
    private static final int PER_RECEIVER_CONCURRENCY = 2;
    /** How long a receiver's circuit stays open after it failed most of its last posts. */
    private static final Duration CIRCUIT_DELAY = Duration.ofSeconds(30);

    /** The client of one receiver, for the URL and headers it was built with. */
    private record Client(URI url, Map<String, String> headers, ReceiverRestClient rest) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Duration timeout;

    public ReceiverClient(NotificationsConfig config) {
        this.timeout = config.sendTimeout();
    }

    /** Posts {@code body} to {@code url} with the receiver's headers; any 2xx answer is success. */
    public void post(Receiver receiver, URI url, String body) throws DeliveryException {
        Guard guard = guards.computeIfAbsent(receiver.name(), this::guard);
        String shown = Receiver.redact(url, receiver.type());
        try {
            guard.call(() -> {
                send(receiver, url, shown, body);
                return null;
            }, Void.class);
        } catch (DeliveryException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new DeliveryException(Kind.NOT_TRIED, "circuit open: " + receiver.name() + " failed too often lately",
                    CIRCUIT_DELAY);
        } catch (BulkheadException e) {
            throw new DeliveryException(Kind.NOT_TRIED, "too many deliveries to " + receiver.name() + " in flight");
        } catch (TimeoutException e) {
            throw new DeliveryException(Kind.TRANSIENT, "no answer from " + shown + " within " + timeout.toMillis() + " ms");
        } catch (ProcessingException e) {
            throw new DeliveryException(Kind.TRANSIENT, "cannot reach " + shown + ": " + rootMessage(e));
        } catch (Exception e) {
            throw new DeliveryException(Kind.TRANSIENT, "post to " + shown + " failed: " + rootMessage(e));
        }
    }

    /** Forgets the client and circuit of a receiver that was removed. */
    void forget(@Observes ReceiverRemoved event) {
        guards.remove(event.name());
        Client old = clients.remove(event.name());
        if (old != null) {
            close(old);
        }
    }

    private void send(Receiver receiver, URI url, String shown, String body) throws DeliveryException {
        try (Response response = client(receiver.name(), url, receiver.headers()).post(body)) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return;
            }
            String error = "HTTP " + status + " from " + shown + answer(response);
            // A 4xx other than timeout and rate limiting means the receiver rejects this notification as such.
            boolean retryable = status >= 500 || status == 408 || status == 425 || status == 429;
            throw new DeliveryException(retryable ? Kind.TRANSIENT : Kind.PERMANENT, error);
        }
    }

    private ReceiverRestClient client(String receiver, URI url, Map<String, String> headers) {
        Client[] replaced = new Client[1];
        Client client = clients.compute(receiver, (name, current) -> {
            if (current != null && current.url().equals(url) && current.headers().equals(headers)) {
                return current;
            }
            replaced[0] = current;
            return new Client(url, headers, build(url, headers));
        });
        if (replaced[0] != null) {
            close(replaced[0]); // the receiver was re-created with another URL or headers
        }
        return client.rest();
    }

    private ReceiverRestClient build(URI url, Map<String, String> headers) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(Math.min(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .userAgent("crowdpulse-alerting")
                .clientHeadersFactory((incoming, outgoing) -> {
                    MultivaluedMap<String, String> extra = new MultivaluedHashMap<>();
                    headers.forEach(extra::add);
                    return extra;
                })
                .build(ReceiverRestClient.class);
    }

    private Guard guard(String receiver) {
        return Guard.create()
                .withDescription("receiver " + receiver)
                .withTimeout().duration(timeout.toMillis() + 1_000, ChronoUnit.MILLIS).done()
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.8)
                        .delay(CIRCUIT_DELAY.toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                        .when(ReceiverClient::receiverFailed).done()
                .withBulkhead().limit(PER_RECEIVER_CONCURRENCY).done()
                .build();
    }

    /**
     * What counts against a receiver's circuit: it failing or not answering. Not its refusal of one
     * notification (a 4xx), and not our own bulkhead turning a post away before it was made.
     */
    private static boolean receiverFailed(Throwable e) {
        return !(e instanceof BulkheadException) && !(e instanceof DeliveryException d && d.kind() == Kind.PERMANENT);
    }

    private static String answer(Response response) {
        try {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            text = text.strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (RuntimeException e) {
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

    @PreDestroy
    void closeAll() {
        clients.values().forEach(ReceiverClient::close);
        clients.clear();
    }

    private static void close(Client client) {
        try {
            client.rest().close();
        } catch (Exception e) {
            LOG.debugf("Closing a receiver client failed: %s", e.getMessage());
        }
    }
}
