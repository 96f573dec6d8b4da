package io.crowdpulse.cli.simulate;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.crowdpulse.cli.CliException;
import io.crowdpulse.cli.ExitCodes;

/** Runs a simulation for a while: steps the model every tick, sends each step, and prints progress. */
final class SimulationRunner {

    /** Short enough that heartbeats leave in a steady stream rather than in bursts. */
    static final Duration TICK = Duration.ofMillis(200);

    private final SimulationModel model;
    private final TrafficSender sender;
    private final SimulationStats stats;
    private final Clock clock;
    private final Duration progressEvery;
    private final PrintWriter out;
    private volatile Instant startedAt;

    SimulationRunner(SimulationModel model, TrafficSender sender, SimulationStats stats, Clock clock,
                     Duration progressEvery, PrintWriter out) {
        this.model = model;
        this.sender = sender;
        this.stats = stats;
        this.clock = clock;
        this.progressEvery = progressEvery;
        this.out = out;
    }

    /** Runs for {@code duration}; a failure of every request so far, or of any request by the end, throws. */
    void run(Duration duration) throws InterruptedException {
        startedAt = clock.instant();
        Instant end = startedAt.plus(duration);
        Instant nextProgress = startedAt.plus(progressEvery);
        for (Instant now = startedAt; now.isBefore(end); now = clock.instant()) {
            SimulationStep step = model.advance();
            stats.record(step);
            sender.send(step);
            failIfNothingGetsThrough();
            if (!now.isBefore(nextProgress)) {
                printProgress();
                nextProgress = nextProgress.plus(progressEvery);
            }
            Duration left = Duration.between(now, end);
            Thread.sleep(Math.max(1, Math.min(TICK.toMillis(), left.toMillis())));
        }
        sender.drain();
        failIfNothingGetsThrough();
        out.println("done: " + progressLine().strip());
        out.flush();
        if (stats.failed() > 0) {
            throw new CliException(ExitCodes.FAILURE, stats.failed() + " of " + (stats.failed() + stats.succeeded())
                    + " requests failed; last: " + stats.lastError().getMessage());
        }
    }

    /** The current totals, for the periodic line and for a summary on Ctrl-C. */
    String progressLine() {
        Instant start = startedAt == null ? clock.instant() : startedAt;
        return stats.line(Duration.between(start, clock.instant()), model.online());
    }

    private void printProgress() {
        out.println(progressLine());
        out.flush();
    }

    private void failIfNothingGetsThrough() throws InterruptedException {
        // A wrong URL or key fails every request: stop at once rather than for the whole duration.
        if (stats.succeeded() == 0 && stats.failed() > 0) {
            sender.drain();
            throw stats.lastError();
        }
    }
}
