package io.crowdpulse.common.overload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.crowdpulse.common.overload.degraded.DegradedModeMachine;
import io.crowdpulse.common.overload.degraded.Pressure;
import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.tuning.Knob;
import io.crowdpulse.common.tuning.TuningRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Whether this service is in degraded mode: entered after sustained overload (the limiter shedding or
 * saturated for {@code crowdpulse.degraded.enter-after}), left by itself after {@code exit-after} of calm.
 * Services consult {@link #isDegraded()} (or call {@link #rejectIfDegraded}) before their most expensive,
 * least important work.
 */
@Singleton
public class DegradedMode {

    private static final Logger LOG = Logger.getLogger(DegradedMode.class);
    /** Knob names of the degraded-mode thresholds. */
    public static final String ENTER_AFTER_KNOB = "degraded.enter-after";
    public static final String EXIT_AFTER_KNOB = "degraded.exit-after";

    private final DegradedModeMachine machine;
    private final Pressure pressure;
    private final PartitionedLimiter limiter;
    private final boolean enabled;
    private final Duration tick;
    private final Duration streamInterval;
    private final Vertx vertx;
    private final TuningRegistry tuning;
    private final MeterRegistry meters;
    private long timer = -1;
    private long lastShed;
    private long lastAdmitted;

    public DegradedMode(DegradedConfig config, OverloadProtection protection, Clock clock, Vertx vertx,
            TuningRegistry tuning, MeterRegistry meters) {
        this.machine = DegradedModeMachine.newBuilder().clock(clock)
                .enterAfter(config.enterAfter()).exitAfter(config.exitAfter()).build();
        this.pressure = new Pressure(config.shedRatio(), config.saturation());
        this.limiter = protection.limiter();
        this.enabled = config.enabled() && protection.limiterEnabled();
        this.tick = config.tick();
        this.streamInterval = config.streamInterval();
        this.vertx = vertx;
        this.tuning = tuning;
        this.meters = meters;
    }

    @PostConstruct
    void register() {
        tuning.register(Knob.newBuilder(ENTER_AFTER_KNOB).unit("s").range(0, 3600)
                .description("How long overload must last before the service enters degraded mode")
                .reader(() -> machine.enterAfter().toSeconds())
                .writer(v -> machine.setEnterAfter(Duration.ofSeconds((long) v))).build());
        tuning.register(Knob.newBuilder(EXIT_AFTER_KNOB).unit("s").range(0, 3600)
                .description("How long calm must last before the service leaves degraded mode")
                .reader(() -> machine.exitAfter().toSeconds())
                .writer(v -> machine.setExitAfter(Duration.ofSeconds((long) v))).build());
        Gauge.builder(OverloadMetrics.DEGRADED, machine, m -> m.isDegraded() ? 1 : 0)
                .description("1 while the service is in degraded mode").register(meters);
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            lastShed = limiter.shedTotal();
            lastAdmitted = limiter.admittedTotal();
            timer = vertx.setPeriodic(Math.max(10, tick.toMillis()), id -> tick());
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One look at the limiter: reading counters, no blocking, so it runs on an event loop. */
    void tick() {
        long shed = limiter.shedTotal();
        long admitted = limiter.admittedTotal();
        boolean overloaded = pressure.overloaded(shed - lastShed, admitted - lastAdmitted, limiter.inflight(),
                limiter.limit());
        lastShed = shed;
        lastAdmitted = admitted;
        boolean before = machine.isDegraded();
        boolean now = machine.observe(overloaded);
        if (now != before) {
            if (now) {
                LOG.warnf("Entering degraded mode after sustained overload (limit %d, in flight %d): expensive work is shed",
                        limiter.limit(), limiter.inflight());
            } else {
                LOG.infof("Leaving degraded mode: load has been normal for %s", machine.exitAfter());
            }
        }
    }

    public boolean isDegraded() {
        return machine.isDegraded();
    }

    /** Whether the service may enter degraded mode at all. */
    public boolean enabled() {
        return enabled;
    }

    /** When the current state (degraded or normal) began. */
    public Instant since() {
        return machine.since();
    }

    public Duration enterAfter() {
        return machine.enterAfter();
    }

    public Duration exitAfter() {
        return machine.exitAfter();
    }

    /** How often live streams should send updates now: their usual {@code normal} interval, or the degraded one. */
    public Duration streamInterval(Duration normal) {
        return isDegraded() && streamInterval.compareTo(normal) > 0 ? streamInterval : normal;
    }

    /** Answers 503 with {@code Retry-After} for {@code what} while degraded; does nothing otherwise. */
    public void rejectIfDegraded(String what) {
        if (isDegraded()) {
            throw ProblemException.unavailable("degraded", "The service is in degraded mode under sustained overload and sheds "
                    + what + " first; retry later", (int) Math.max(1, machine.exitAfter().toSeconds()));
        }
    }
}
