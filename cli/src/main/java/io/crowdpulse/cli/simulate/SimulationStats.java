package io.crowdpulse.cli.simulate;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.time.DurationFormat;

/** Running totals of a simulation, updated from the sending threads and printed as progress lines. */
final class SimulationStats {

    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong logouts = new AtomicLong();
    private final AtomicLong moves = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<CliException> lastError = new AtomicReference<>();

    void record(SimulationStep step) {
        logins.addAndGet(step.logins());
        logouts.addAndGet(step.endedSessions().size());
        moves.addAndGet(step.moves());
    }

    void heartbeatsAccepted(long count) {
        heartbeats.addAndGet(count);
        succeeded.incrementAndGet();
    }

    void requestSucceeded() {
        succeeded.incrementAndGet();
    }

    void requestFailed(CliException error) {
        failed.incrementAndGet();
        lastError.set(error);
    }

    long heartbeats() {
        return heartbeats.get();
    }

    long logins() {
        return logins.get();
    }

    long logouts() {
        return logouts.get();
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    CliException lastError() {
        return lastError.get();
    }

    /** One progress line: elapsed time, then the totals. */
    String line(Duration elapsed, int online) {
        String line = String.format(Locale.ROOT, "%7s  online %d  heartbeats %d  logins %d  logouts %d  moves %d  errors %d",
                DurationFormat.format(elapsed), online, heartbeats(), logins(), logouts(), moves.get(), failed());
        CliException error = lastError();
        return error == null ? line : line + "  (last: " + error.getMessage() + ")";
    }
}
