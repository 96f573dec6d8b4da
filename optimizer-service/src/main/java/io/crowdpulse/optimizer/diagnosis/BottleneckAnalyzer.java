package io.crowdpulse.optimizer.diagnosis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.crowdpulse.common.tuning.KnobNames;
import io.crowdpulse.optimizer.figures.Metrics;
import io.crowdpulse.optimizer.figures.SeriesFigures;
import io.crowdpulse.optimizer.figures.TargetFigures;

/**
 * Names the resources that limit a target now, from window means (newest value for a queue's size).
 * Each resource's severity ramps linearly from 0 at its onset to 1 where it is exhausted:
 * <ul>
 * <li>{@code CPU}: {@code system.cpu} from {@code cpuOnset} (0.7) to 0.95;</li>
 * <li>{@code MEMORY}: {@code system.memory} from {@code memoryOnset} (0.8) to 0.95;</li>
 * <li>{@code DATABASE_POOL}: the larger of {@code pool.crowdpulse-db.usage} (or any {@code pool.*db*.usage})
 * from {@code poolOnset} (0.8) to 1, and threads waiting for a connection from 0 to {@code waitingExhausted}
 * (5);</li>
 * <li>{@code REDIS}: the larger of the fullest {@code pool.*redis*.usage} from {@code poolOnset} to 1, and the
 * commands waiting for a Redis connection ({@code queue.*redis*.size}, e.g. {@code queue.redis-pool.size}) from 0
 * to {@code redisWaitingExhausted} (20) — the case of latency high while CPU is low;</li>
 * <li>{@code QUEUE}: the workers queue's fill of its {@code workers.queue-capacity} from 0.5 to 1; a queue of
 * unknown capacity that still grows, from {@code queueBacklog} (1000) items to ten times that;</li>
 * <li>{@code LIMITER}: when in-flight requests fill {@code limiterOnset} (0.9) of the limit, the larger of half
 * the fill's ramp to 1 and the throttled share from 0 to 0.2 (a full limiter that sheds a fifth is exhausted);
 * </li>
 * <li>{@code UPSTREAM}: p99 above {@code p99TargetMs} while CPU stays below {@code upstreamCpuMax} (0.5) and
 * no local resource (memory, pools, queues, limiter) reaches a warning: the time goes waiting on a dependency;
 * from the target to four times it.</li>
 * </ul>
 * Level: {@code critical} from {@code criticalAt} (0.7), {@code warning} from {@code warningAt} (0.4), else
 * {@code info}. A resource with severity 0 is not listed, so a healthy target gets an empty list.
 */
public final class BottleneckAnalyzer {

    private final double p99TargetMs;
    private final double cpuOnset;
    private final double memoryOnset;
    private final double poolOnset;
    private final double waitingExhausted;
    private final double redisWaitingExhausted;
    private final double queueBacklog;
    private final double limiterOnset;
    private final double upstreamCpuMax;
    private final double warningAt;
    private final double criticalAt;

    private BottleneckAnalyzer(Builder b) {
        this.p99TargetMs = b.p99TargetMs;
        this.cpuOnset = b.cpuOnset;
        this.memoryOnset = b.memoryOnset;
        this.poolOnset = b.poolOnset;
        this.waitingExhausted = b.waitingExhausted;
        this.redisWaitingExhausted = b.redisWaitingExhausted;
        this.queueBacklog = b.queueBacklog;
        this.limiterOnset = b.limiterOnset;
        this.upstreamCpuMax = b.upstreamCpuMax;
        this.warningAt = b.warningAt;
        this.criticalAt = b.criticalAt;
    }

    public static BottleneckAnalyzer standard() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** The limiting resources of {@code figures}' target, worst first; empty when nothing limits it. */
    public List<Bottleneck> analyze(TargetFigures figures) {
        List<Bottleneck> found = new ArrayList<>();
        String target = figures.target();
        double cpu = figures.mean(Metrics.CPU);
        double p99 = figures.mean(Metrics.P99_MS);

        double cpuSeverity = ramp(cpu, cpuOnset, 0.95);
        if (cpuSeverity > 0) {
            found.add(bottleneck(target, Resource.CPU, cpuSeverity,
                    f("CPU at %s (onset %s), p99 %s ms", pct(cpu), pct(cpuOnset), num(p99)),
                    Metrics.CPU, cpu, Metrics.P99_MS, p99));
        }

        double memory = figures.mean(Metrics.MEMORY);
        double memorySeverity = ramp(memory, memoryOnset, 0.95);
        if (memorySeverity > 0) {
            found.add(bottleneck(target, Resource.MEMORY, memorySeverity,
                    f("memory at %s (onset %s)", pct(memory), pct(memoryOnset)), Metrics.MEMORY, memory));
        }

        databasePool(figures).ifPresent(found::add);
        redis(figures).ifPresent(found::add);
        queues(figures, found);
        limiter(figures).ifPresent(found::add);

        boolean localPressure = found.stream()
                .anyMatch(b -> b.resource() != Resource.CPU && b.severity() >= warningAt);
        if (!localPressure && cpu < upstreamCpuMax && p99 > p99TargetMs) {
            double severity = ramp(p99, p99TargetMs, 4 * p99TargetMs);
            found.add(bottleneck(target, Resource.UPSTREAM, severity,
                    f("p99 %s ms (target %s ms) with CPU at %s and no local resource saturated: waiting on a "
                            + "dependency", num(p99), num(p99TargetMs), pct(cpu)),
                    Metrics.P99_MS, p99, Metrics.CPU, cpu));
        }
        found.sort(Comparator.comparingDouble(Bottleneck::severity).reversed()
                .thenComparing(Bottleneck::resource));
        return List.copyOf(found);
    }

    private Optional<Bottleneck> databasePool(TargetFigures figures) {
        SeriesFigures pool = figures.series(Metrics.DB_POOL).orElse(null);
        if (pool == null) {
            pool = figures.seriesMatching(Metrics.POOL_PREFIX, Metrics.POOL_SUFFIX).stream()
                    .filter(s -> isDatabasePool(s.metric()))
                    .findFirst().orElse(null);
        }
        double usage = pool == null ? Double.NaN : pool.mean();
        double waiting = figures.mean(Metrics.DB_POOL_WAITING);
        double severity = Math.max(ramp(usage, poolOnset, 1.0), ramp(waiting, 0, waitingExhausted));
        if (!(severity > 0)) {
            return Optional.empty();
        }
        return Optional.of(bottleneck(figures.target(), Resource.DATABASE_POOL, severity,
                f("database pool at %s%s", pct(usage),
                        Double.isNaN(waiting) ? "" : f(", %s threads waiting for a connection", num(waiting))),
                pool == null ? Metrics.DB_POOL : pool.metric(), usage, Metrics.DB_POOL_WAITING, waiting));
    }

    private Optional<Bottleneck> redis(TargetFigures figures) {
        SeriesFigures pool = fullest(figures, Metrics.POOL_PREFIX, Metrics.POOL_SUFFIX);
        SeriesFigures waiters = fullest(figures, Metrics.QUEUE_PREFIX, Metrics.QUEUE_SUFFIX);
        double usage = pool == null ? Double.NaN : pool.mean();
        double waiting = waiters == null ? Double.NaN : waiters.mean();
        double severity = Math.max(ramp(usage, poolOnset, 1.0), ramp(waiting, 0, redisWaitingExhausted));
        if (!(severity > 0)) {
            return Optional.empty();
        }
        double cpu = figures.mean(Metrics.CPU);
        double p99 = figures.mean(Metrics.P99_MS);
        return Optional.of(bottleneck(figures.target(), Resource.REDIS, severity,
                f("Redis pool at %s%s, p99 %s ms, CPU %s", pct(usage),
                        Double.isNaN(waiting) ? "" : f(", %s commands waiting for a connection", num(waiting)),
                        num(p99), pct(cpu)),
                pool == null ? Metrics.REDIS_POOL : pool.metric(), usage,
                waiters == null ? Metrics.REDIS_POOL_WAITING : waiters.metric(), waiting, Metrics.P99_MS, p99,
                Metrics.CPU, cpu));
    }

    /** The Redis series among those matching, the one with the highest mean; null when there is none. */
    private static SeriesFigures fullest(TargetFigures figures, String prefix, String suffix) {
        return figures.seriesMatching(prefix, suffix).stream()
                .filter(s -> isRedis(s.metric()) && !Double.isNaN(s.mean()))
                .max(Comparator.comparingDouble(SeriesFigures::mean))
                .orElse(null);
    }

    private static boolean isRedis(String metric) {
        return metric.toLowerCase(Locale.ROOT).contains("redis");
    }

    private static boolean isDatabasePool(String metric) {
        String name = metric.toLowerCase(Locale.ROOT);
        boolean database = name.contains("db") || name.contains("jdbc") || name.contains("datasource")
                || name.contains("postgres");
        return database && !isRedis(name);
    }

    private void queues(TargetFigures figures, List<Bottleneck> found) {
        double capacity = figures.knob(KnobNames.WORKERS_QUEUE_CAPACITY)
                .map(k -> k.value() == null ? Double.NaN : k.value().doubleValue()).orElse(Double.NaN);
        for (SeriesFigures queue : figures.seriesMatching(Metrics.QUEUE_PREFIX, Metrics.QUEUE_SUFFIX)) {
            if (isRedis(queue.metric())) {
                continue; // commands waiting for a Redis connection: the Redis pool's, not a work queue
            }
            double size = queue.latest();
            double slope = queue.slopePerSecond();
            if (queue.metric().equals(Metrics.WORKERS_QUEUE) && capacity > 0) {
                double fill = size / capacity;
                double severity = ramp(fill, 0.5, 1.0);
                if (severity > 0) {
                    found.add(bottleneck(figures.target(), Resource.QUEUE, severity,
                            f("workers queue at %s of %s (%s), changing %s/s", num(size), num(capacity), pct(fill),
                                    num(slope)), queue.metric(), size, KnobNames.WORKERS_QUEUE_CAPACITY, capacity,
                            "slopePerSecond", slope));
                }
            } else if (slope > 0) {
                double severity = ramp(size, queueBacklog, 10 * queueBacklog);
                if (severity > 0) {
                    found.add(bottleneck(figures.target(), Resource.QUEUE, severity,
                            f("queue %s holds %s items and grows %s/s", queue.metric(), num(size), num(slope)),
                            queue.metric(), size, "slopePerSecond", slope));
                }
            }
        }
    }

    private Optional<Bottleneck> limiter(TargetFigures figures) {
        double limit = figures.mean(Metrics.LIMITER_LIMIT);
        double inflight = figures.mean(Metrics.LIMITER_INFLIGHT);
        if (!(limit > 0) || Double.isNaN(inflight)) {
            return Optional.empty();
        }
        double fill = inflight / limit;
        if (!(fill >= limiterOnset)) {
            return Optional.empty();
        }
        double throttled = figures.mean(Metrics.THROTTLED_RATE);
        double severity = Math.max(0.5 * ramp(fill, limiterOnset, 1.0), ramp(throttled, 0, 0.2));
        if (!(severity > 0)) {
            return Optional.empty();
        }
        double degraded = figures.mean(Metrics.DEGRADED);
        return Optional.of(bottleneck(figures.target(), Resource.LIMITER, severity,
                f("limiter full: %s in flight of a limit of %s, %s of requests throttled%s", num(inflight), num(limit),
                        pct(throttled), degraded >= 1 ? ", degraded mode on" : ""),
                Metrics.LIMITER_INFLIGHT, inflight, Metrics.LIMITER_LIMIT, limit, Metrics.THROTTLED_RATE, throttled,
                Metrics.DEGRADED, degraded));
    }

    private Bottleneck bottleneck(String target, Resource resource, double severity, String evidence,
            Object... namesAndValues) {
        Map<String, Double> used = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            double value = (Double) namesAndValues[i + 1];
            if (!Double.isNaN(value)) {
                used.put((String) namesAndValues[i], value);
            }
        }
        return new Bottleneck(target, resource, severity, level(severity), evidence,
                Collections.unmodifiableMap(used));
    }

    /** The level of a severity: critical, warning or info. */
    public String level(double severity) {
        return severity >= criticalAt ? Bottleneck.CRITICAL : severity >= warningAt ? Bottleneck.WARNING
                : Bottleneck.INFO;
    }

    /** 0 at or below {@code onset} (and for NaN), 1 at or above {@code exhausted}, linear between. */
    static double ramp(double x, double onset, double exhausted) {
        if (!(x > onset)) {
            return 0;
        }
        return exhausted <= onset ? 1 : Math.min(1, (x - onset) / (exhausted - onset));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String num(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                : String.format(Locale.ROOT, "%.1f", x);
    }

    /** Builds a {@link BottleneckAnalyzer}; every setter checks its argument. */
    public static final class Builder {
        private double p99TargetMs = 250;
        private double cpuOnset = 0.7;
        private double memoryOnset = 0.8;
        private double poolOnset = 0.8;
        private double waitingExhausted = 5;
        private double redisWaitingExhausted = 20;
        private double queueBacklog = 1000;
        private double limiterOnset = 0.9;
        private double upstreamCpuMax = 0.5;
        private double warningAt = 0.4;
        private double criticalAt = 0.7;

        private Builder() {
        }

        /** The p99 latency a target should keep; above it, with CPU low and nothing local full: upstream. */
        public Builder p99TargetMs(double p99TargetMs) {
            positive("p99TargetMs", p99TargetMs);
            this.p99TargetMs = p99TargetMs;
            return this;
        }

        /** Mean CPU (0..1) from which CPU counts as limiting (exhausted at 0.95). */
        public Builder cpuOnset(double cpuOnset) {
            fraction("cpuOnset", cpuOnset, 0.95);
            this.cpuOnset = cpuOnset;
            return this;
        }

        /** Mean memory use (0..1) from which memory counts as limiting (exhausted at 0.95). */
        public Builder memoryOnset(double memoryOnset) {
            fraction("memoryOnset", memoryOnset, 0.95);
            this.memoryOnset = memoryOnset;
            return this;
        }

        /** Mean pool usage (0..1) from which a database or Redis pool counts as limiting (exhausted at 1). */
        public Builder poolOnset(double poolOnset) {
            fraction("poolOnset", poolOnset, 1.0);
            this.poolOnset = poolOnset;
            return this;
        }

        /** Mean threads waiting for a database connection at which the pool counts as exhausted. */
        public Builder waitingExhausted(double waitingExhausted) {
            positive("waitingExhausted", waitingExhausted);
            this.waitingExhausted = waitingExhausted;
            return this;
        }

        /** Mean commands waiting for a Redis connection at which the Redis pool counts as exhausted. */
        public Builder redisWaitingExhausted(double redisWaitingExhausted) {
            positive("redisWaitingExhausted", redisWaitingExhausted);
            this.redisWaitingExhausted = redisWaitingExhausted;
            return this;
        }

        /** Items from which a growing queue of unknown capacity counts as limiting. */
        public Builder queueBacklog(double queueBacklog) {
            positive("queueBacklog", queueBacklog);
            this.queueBacklog = queueBacklog;
            return this;
        }

        /** In-flight share of the limit (0..1) from which the limiter counts as full. */
        public Builder limiterOnset(double limiterOnset) {
            fraction("limiterOnset", limiterOnset, 1.0);
            this.limiterOnset = limiterOnset;
            return this;
        }

        /** Mean CPU (0..1) below which high latency is blamed on a dependency. */
        public Builder upstreamCpuMax(double upstreamCpuMax) {
            fraction("upstreamCpuMax", upstreamCpuMax, 1.0);
            this.upstreamCpuMax = upstreamCpuMax;
            return this;
        }

        /** Severities (0..1) from which a bottleneck is a warning and critical. */
        public Builder levels(double warningAt, double criticalAt) {
            fraction("warningAt", warningAt, 1.0);
            fraction("criticalAt", criticalAt, 1.0);
            if (warningAt > criticalAt) {
                throw new IllegalArgumentException("warningAt " + warningAt + " exceeds criticalAt " + criticalAt);
            }
            this.warningAt = warningAt;
            this.criticalAt = criticalAt;
            return this;
        }

        public BottleneckAnalyzer build() {
            return new BottleneckAnalyzer(this);
        }

        private static void fraction(String what, double value, double below) {
            if (!(value >= 0 && value <= below)) {
                throw new IllegalArgumentException(what + " must be within [0, " + below + "]: " + value);
            }
        }

        private static void positive(String what, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
        }
    }
}
