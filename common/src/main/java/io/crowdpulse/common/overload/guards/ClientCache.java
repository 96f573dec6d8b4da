package io.crowdpulse.common.overload.guards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

/**
 * Outbound clients by destination, each built for a spec (the URL, headers and timeout it was built with).
 * Asking with another spec builds a new client; the old one is closed after {@code grace}, once the calls it
 * may still carry have timed out, so a changed timeout never cuts a call short.
 */
public final class ClientCache<S, C extends AutoCloseable> {

    private static final Logger LOG = Logger.getLogger(ClientCache.class);

    private record Entry<S, C>(S spec, C client) {
    }

    private final BiFunction<String, S, C> factory;
    private final Duration grace;
    private final Map<String, Entry<S, C>> clients = new ConcurrentHashMap<>();
    /** Replaced clients waiting for their grace to end. */
    private final Set<C> retiring = ConcurrentHashMap.newKeySet();

    /** {@code factory} builds the client of a destination for a spec; {@code grace} outlasts any call's timeout. */
    public ClientCache(BiFunction<String, S, C> factory, Duration grace) {
        this.factory = Objects.requireNonNull(factory);
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        this.grace = grace;
    }

    /** The client of {@code destination} for {@code spec}, built now if it has none for that spec. */
    public C get(String destination, S spec) {
        Entry<S, C> entry = clients.get(destination);
        if (entry != null && entry.spec().equals(spec)) {
            return entry.client();
        }
        List<C> replaced = new ArrayList<>(1);
        entry = clients.compute(destination, (d, current) -> {
            if (current != null && current.spec().equals(spec)) {
                return current;
            }
            if (current != null) {
                replaced.add(current.client());
            }
            return new Entry<>(spec, factory.apply(d, spec));
        });
        replaced.forEach(this::closeLater);
        return entry.client();
    }

    /** Lets the client of a destination that is gone be closed. */
    public void remove(String destination) {
        Entry<S, C> entry = clients.remove(destination);
        if (entry != null) {
            closeLater(entry.client());
        }
    }

    /** Closes every client now, those waiting for their grace too (shutting down). */
    public void closeAll() {
        clients.values().forEach(e -> close(e.client()));
        clients.clear();
        retiring.removeIf(c -> {
            close(c);
            return true;
        });
    }

    private void closeLater(C client) {
        retiring.add(client);
        // The delay runs on a JDK thread; closing a client loads services through the context class loader,
        // so it gets the one of the application that built the client.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!retiring.remove(client)) {
                return; // closed at shutdown already
            }
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                close(client);
            } finally {
                thread.setContextClassLoader(before);
            }
        });
    }

    private static void close(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debugf("Closing a client failed: %s", e.getMessage());
        }
    }
}
