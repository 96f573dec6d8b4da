package io.crowdpulse.alerting.notify.receivers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
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

import io.crowdpulse.alerting.notify.NotificationsConfig;
import io.crowdpulse.alerting.notify.receivers.DeliveryException.Kind;
import io.crowdpulse.common.overload.CircuitBreakers;
import io.crowdpulse.common.overload.guards.ClientCache;
import io.crowdpulse.common.overload.guards.ClientGuards;
import io.crowdpulse.common.overload.guards.GuardSettings;
import io.crowdpulse.common.tuning.KnobNames;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;

/**
 * Posts JSON to receivers, owning what can go wrong on the way: a timeout per post, and per receiver a
 * circuit breaker (a receiver that keeps failing is left alone for a while instead of tying up workers)
 * and a bulkhead, set by {@code crowdpulse.alerting.notifications.*} and tunable at runtime ({@code notify.*}
 * knobs). It does not retry: the outbox owns the retry schedule.
 */
@ApplicationScoped
@Startup
public class ReceiverClient {

    /** The guard's timeout is a backstop behind the REST client's own read timeout. */
    private static final Duration GUARD_SLACK = Duration.ofSeconds(1);

    /** What a receiver's REST client was built with; another URL, headers or timeout builds a new one. */
    private record Spec(URI url, Map<String, String> headers, Duration timeout) {
    }

    private final CircuitBreakers breakers;
    private final ClientGuards guards;
    private final ClientCache<Spec, ReceiverRestClient> clients;
    private final CircuitBreakers.Knobs knobs;

    public ReceiverClient(NotificationsConfig config, CircuitBreakers breakers) {
        this.breakers = breakers;
        this.guards = ClientGuards.newBuilder("receiver")
                .destinations("receiver", receiver -> "receiver " + receiver)
                .failure(ReceiverClient::receiverFailed)
                .timeoutSlack(GUARD_SLACK)
                .settings(new GuardSettings(config.sendTimeout(), 0, Duration.ZERO, Duration.ZERO,
                        config.circuitVolume(), config.circuitFailureRatio(), config.circuitDelay(), config.bulkhead()))
                .build();
        // A send must end well within the claim timeout, or another replica claims the delivery mid-send.
        Duration maxTimeout = config.claimTimeout().dividedBy(2);
        this.knobs = new CircuitBreakers.Knobs(KnobNames.NOTIFY_TIMEOUT, maxTimeout, null,
                KnobNames.NOTIFY_CIRCUIT_FAILURE_RATIO, KnobNames.NOTIFY_CIRCUIT_DELAY, KnobNames.NOTIFY_BULKHEAD);
        this.clients = new ClientCache<>((receiver, spec) -> build(spec),
                max(maxTimeout, config.sendTimeout()).plus(GUARD_SLACK).plusSeconds(1));
    }

    @PostConstruct
    void register() {
        breakers.register(guards, knobs);
    }

    /** Posts {@code body} to {@code url} with the receiver's headers; any 2xx answer is success. */
    public void post(Receiver receiver, URI url, String body) throws DeliveryException {
        GuardSettings settings = guards.settings();
        String shown = Receiver.redact(url, receiver.type());
        try {
            guards.guard(receiver.name()).call(() -> {
                send(receiver, url, shown, body, settings.timeout());
                return null;
            }, Void.class);
        } catch (DeliveryException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new DeliveryException(Kind.NOT_TRIED, "circuit open: " + receiver.name() + " failed too often lately",
                    settings.circuitDelay());
        } catch (BulkheadException e) {
            throw new DeliveryException(Kind.NOT_TRIED, "too many deliveries to " + receiver.name() + " in flight");
        } catch (TimeoutException e) {
            throw noAnswer(shown, settings);
        } catch (ProcessingException e) {
            if (root(e) instanceof java.util.concurrent.TimeoutException) {
                throw noAnswer(shown, settings); // the HTTP client's read timeout, the one meant to end a slow post
            }
            throw new DeliveryException(Kind.TRANSIENT, "cannot reach " + shown + ": " + rootMessage(e));
        } catch (Exception e) {
            throw new DeliveryException(Kind.TRANSIENT, "post to " + shown + " failed: " + rootMessage(e));
        }
    }

    /** Forgets the client and circuit of a receiver that was removed. */
    void forget(@Observes ReceiverRemoved event) {
        guards.forget(event.name());
        clients.remove(event.name());
    }

    private void send(Receiver receiver, URI url, String shown, String body, Duration timeout) throws DeliveryException {
        try (Response response = clients.get(receiver.name(), new Spec(url, receiver.headers(), timeout)).post(body)) {
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

    private static ReceiverRestClient build(Spec spec) {
        long timeout = spec.timeout().toMillis();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(spec.url())
                .connectTimeout(Math.min(timeout, 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .userAgent("crowdpulse-alerting")
                .clientHeadersFactory((incoming, outgoing) -> {
                    MultivaluedMap<String, String> extra = new MultivaluedHashMap<>();
                    spec.headers().forEach(extra::add);
                    return extra;
                })
                .build(ReceiverRestClient.class);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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

    private static DeliveryException noAnswer(String shown, GuardSettings settings) {
        return new DeliveryException(Kind.TRANSIENT, "no answer from " + shown + " within "
                + settings.timeout().toMillis() + " ms");
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = root(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @PreDestroy
    void closeAll() {
        clients.closeAll();
    }
}
