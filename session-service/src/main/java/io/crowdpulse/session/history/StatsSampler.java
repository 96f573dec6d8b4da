package io.crowdpulse.session.history;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.crowdpulse.common.events.SessionsStatsEvent;
import io.crowdpulse.session.config.SessionsConfig;
import io.crowdpulse.session.counting.ConcurrencyCounter;
import io.crowdpulse.session.counting.Counts;
import io.crowdpulse.session.support.Keys;
import io.crowdpulse.common.redis.Lease;
import io.crowdpulse.session.support.Scripts;
import io.quarkus.scheduler.Scheduled;

/**
 * Every second, on the one replica holding the sampler lease: counts everything, keeps the sample in
 * Redis, then publishes it as {@code sessions.stats}. Stored before published, so a lost message costs
 * freshness, never history.
 */
@ApplicationScoped
public class StatsSampler {

    private static final Logger LOG = Logger.getLogger(StatsSampler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrencyCounter counter;
    private final SampleStore store;
    private final StatsPublisher publisher;
    private final Lease lease;
    private final int topOrganizations;

    public StatsSampler(ConcurrencyCounter counter, SampleStore store, StatsPublisher publisher, Keys keys,
            Scripts scripts, SessionsConfig config) {
        this.counter = counter;
        this.store = store;
        this.publisher = publisher;
        this.lease = new Lease(keys.samplerLease(), config.leaseTtl(), scripts.redis());
        this.topOrganizations = config.statsTopOrganizations();
    }

    public Lease lease() {
        return lease;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            if (lease.holdOrTake()) {
                sample();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Sampling the counts failed: %s", e.getMessage());
        }
    }

    private void sample() {
        Counts counts = counter.now().await().atMost(TIMEOUT);
        Map<String, Long> modules = counter.perModule().await().atMost(TIMEOUT);
        Map<String, Long> organizations = top(counter.perOrganization().await().atMost(TIMEOUT), topOrganizations);
        Optional<Sample> previous = store.latest().await().atMost(TIMEOUT);
        Sample sample = new Sample(counts.timestamp().getEpochSecond(), counts.concurrentUsers(), counts.activeSessions(),
                counts.openSessions(), counts.startedTotal(), counts.endedTotal(), counts.endedDurationMillisTotal(),
                modules);
        if (!store.add(sample).await().atMost(TIMEOUT)) {
            return;
        }
        long started = previous.map(p -> Math.max(0, sample.startedTotal() - p.startedTotal())).orElse(0L);
        long ended = previous.map(p -> Math.max(0, sample.endedTotal() - p.endedTotal())).orElse(0L);
        publisher.publish(SessionsStatsEvent.of(counts.timestamp(), counts.concurrentUsers(), counts.activeSessions(),
                counts.windowSeconds(), modules, organizations, started, ended));
    }

    static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
