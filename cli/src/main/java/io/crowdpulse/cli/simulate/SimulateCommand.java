package io.crowdpulse.cli.simulate;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import io.crowdpulse.cli.ApiCommand;
import io.crowdpulse.cli.ExitCodes;
import io.crowdpulse.cli.time.DurationConverter;
import io.crowdpulse.cli.time.DurationFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code crowdpulse simulate}: drives realistic user traffic into the session-service for a while. */
@Command(name = "simulate", sortOptions = false,
        description = {
            "Drive realistic traffic into the session-service (needs an ingest key).",
            "",
            "Keeps about --users users online, spread unevenly over --orgs organizations and --modules modules. "
                + "Each user logs in with a new session, sends a heartbeat every --heartbeat (jittered, so the "
                + "load is even), moves between modules now and then, and logs out after a random session "
                + "length, replaced by a new user. Prints progress every 10s and stops after --duration.",
            ""
        })
public final class SimulateCommand extends ApiCommand {

    private static final int MAX_IN_FLIGHT = 8;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    @Option(names = "--users", paramLabel = "N", defaultValue = "100",
            description = "Users to keep online (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--modules", paramLabel = "M", defaultValue = "6",
            description = "Modules users spread over (default: ${DEFAULT-VALUE}).")
    private int modules;

    @Option(names = {"--orgs", "--organizations"}, paramLabel = "K", defaultValue = "20",
            description = "Organizations users belong to (default: ${DEFAULT-VALUE}).")
    private int organizations;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Time between two heartbeats of a user (default: ${DEFAULT-VALUE}).")
    private Duration heartbeat;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to run (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "Heartbeats per POST /activity/batch, at most 1000 (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--churn", paramLabel = "FRACTION", defaultValue = "0.01",
            description = "Fraction of online users who log out per minute; sessions last 1/churn minutes "
                    + "on average (default: ${DEFAULT-VALUE}).")
    private double churn;

    @Option(names = "--module-dwell", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Average time a user stays in one module (default: ${DEFAULT-VALUE}).")
    private Duration moduleDwell;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, to repeat a run exactly.")
    private Long seed;

    @Override
    public Integer call() throws InterruptedException {
        SimulationSettings settings = settings();
        if (duration.isZero()) {
            throw new ParameterException(commandLine(), "--duration must be longer than zero");
        }
        SimulationStats stats = new SimulationStats();
        TrafficSender sender = newSender(stats);
        Clock clock = Clock.systemUTC();
        SimulationModel model = new SimulationModel(settings, clock, seed == null ? new Random() : new Random(seed));
        SimulationRunner runner = new SimulationRunner(model, sender, stats, clock, PROGRESS_EVERY, out());
        out().println("simulating " + users + " users in " + organizations + " organizations and " + modules
                + " modules (" + String.join(", ", model.moduleIds().subList(0, Math.min(modules, 6)))
                + (modules > 6 ? ", …" : "") + "), heartbeat every " + DurationFormat.format(heartbeat)
                + ", for " + DurationFormat.format(duration));
        out().flush();
        Thread summaryOnCtrlC = new Thread(() -> {
            out().println("stopped: " + runner.progressLine().strip());
            out().flush();
        });
        Runtime.getRuntime().addShutdownHook(summaryOnCtrlC);
        try {
            runner.run(duration);
        } finally {
            removeHook(summaryOnCtrlC);
        }
        return ExitCodes.OK;
    }

    private SimulationSettings settings() {
        try {
            return new SimulationSettings(users, modules, organizations, heartbeat, churn, moduleDwell);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine(), e.getMessage());
        }
    }

    private TrafficSender newSender(SimulationStats stats) {
        if (batch < 1 || batch > TrafficSender.MAX_BATCH) {
            throw new ParameterException(commandLine(), "--batch must be between 1 and " + TrafficSender.MAX_BATCH);
        }
        return new TrafficSender(client(), batch, MAX_IN_FLIGHT, stats);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and prints the summary.
        }
    }
}
