package io.crowdpulse.optimizer.support;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Publishes a target's current figures as a snapshot every {@code periodMillis}, as a collector would; the test changes them. */
public final class Feed implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snapshot-feed");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<String, Double> figures;

    public Feed(Bus bus, String target, Map<String, Double> initial, long periodMillis) {
        this.figures = Map.copyOf(initial);
        timer.scheduleAtFixedRate(() -> {
            try {
                bus.snapshot(target, figures);
            } catch (RuntimeException e) {
                // a lost snapshot is like a lost message: the next one follows
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    public void figures(Map<String, Double> next) {
        this.figures = Map.copyOf(next);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
