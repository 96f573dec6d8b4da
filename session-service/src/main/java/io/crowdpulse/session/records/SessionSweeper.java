package io.crowdpulse.session.records;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.session.config.SessionSettings;
import io.crowdpulse.session.support.Keys;
import io.crowdpulse.session.support.Scripts;
import io.crowdpulse.session.support.Scripts.Call;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Response;

/**
 * Ends sessions idle past the session TTL and trims activity older than the window, every cleanup
 * interval, on every replica: the sweep script ends each session exactly once, whoever runs it.
 */
@ApplicationScoped
public class SessionSweeper {

    private static final Logger LOG = Logger.getLogger(SessionSweeper.class);
    // Bounds of one sweep call, so that a wave of expiring sessions or users holds Redis for a few
    // milliseconds at a time, never for as long as the whole wave takes.
    private static final int SESSIONS_PER_CALL = 250;
    private static final int TRIMS_PER_CALL = 2000;

    private final Scripts scripts;
    private final Keys keys;
    private final SessionSettings settings;
    private final Clock clock;
    private volatile long lastRunMillis;

    public SessionSweeper(Scripts scripts, Keys keys, SessionSettings settings, Clock clock) {
        this.scripts = scripts;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Ticks every second; sweeps when the (tunable) cleanup interval has passed. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (clock.millis() - lastRunMillis < settings.cleanupIntervalMillis()) {
            return;
        }
        try {
            sweep();
            lastRunMillis = clock.millis();
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping idle sessions failed, will retry: %s", e.getMessage());
        }
    }

    /** Runs one sweep of every partition, one partition after another; returns how many sessions it ended. */
    public long sweep() {
        long ended = 0;
        List<Integer> pending = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            pending.add(p);
        }
        while (!pending.isEmpty()) {
            String now = Long.toString(clock.millis());
            List<Call> calls = new ArrayList<>(pending.size());
            for (int p : pending) {
                calls.add(new Call(Scripts.SWEEP, keys.routingKey(p), List.of(keys.partitionBase(p), now,
                        Long.toString(settings.activityWindowMillis()), Long.toString(settings.sessionTtlMillis()),
                        Integer.toString(SESSIONS_PER_CALL), Integer.toString(TRIMS_PER_CALL))));
            }
            List<Response> responses = scripts.runInTurn(calls).await().atMost(Duration.ofSeconds(30));
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < responses.size(); i++) {
                Response r = responses.get(i);
                ended += r.get(0).toLong();
                if (r.get(1).toLong() == 1L) {
                    again.add(pending.get(i));
                }
            }
            pending = again;
        }
        return ended;
    }
}
