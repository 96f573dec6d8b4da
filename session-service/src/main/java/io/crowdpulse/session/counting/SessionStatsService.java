package io.crowdpulse.session.counting;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.crowdpulse.session.history.Sample;
import io.crowdpulse.session.history.SampleStore;
import io.smallrye.mutiny.Uni;

/**
 * Session start and end rates and average duration over a recent window: differences of the running
 * totals now and in the sample taken at the start of the window.
 */
@ApplicationScoped
public class SessionStatsService {

    private final ConcurrencyCounter counter;
    private final SampleStore samples;

    public SessionStatsService(ConcurrencyCounter counter, SampleStore samples) {
        this.counter = counter;
        this.samples = samples;
    }

    public Uni<SessionStatsView> stats(Duration window) {
        return counter.now().flatMap(now -> samples
                .firstAtOrAfter(now.timestamp().getEpochSecond() - window.toSeconds())
                .map(then -> view(now, then)));
    }

    static SessionStatsView view(Counts now, Optional<Sample> then) {
        Double startedPerMinute = null;
        Double endedPerMinute = null;
        Double averageDuration = null;
        long span = 0;
        if (then.isPresent()) {
            Sample s = then.get();
            span = Math.max(0, now.timestamp().getEpochSecond() - s.second());
            if (span > 0) {
                double minutes = span / 60.0;
                startedPerMinute = Math.max(0, now.startedTotal() - s.startedTotal()) / minutes;
                endedPerMinute = Math.max(0, now.endedTotal() - s.endedTotal()) / minutes;
            }
            long ended = now.endedTotal() - s.endedTotal();
            if (ended > 0) {
                averageDuration = (now.endedDurationMillisTotal() - s.endedDurationMillisTotal()) / 1000.0 / ended;
            }
        }
        return new SessionStatsView(now.timestamp(), now.activeSessions(), now.openSessions(), startedPerMinute,
                endedPerMinute, averageDuration, span);
    }
}
