package io.crowdpulse.cli.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

import io.crowdpulse.cli.sessions.Activity;

/**
 * Decides what simulated users do and when: keeps {@link SimulationSettings#users()} users online, each in a
 * skewed choice of organization and module, heartbeating on a jittered schedule, moving between modules now
 * and then, and logging out after an exponentially distributed session length to be replaced by a new user.
 * It sends nothing itself; the caller asks it for the next {@link SimulationStep} and sends that.
 */
public final class SimulationModel {

    private static final double ORGANIZATION_SKEW = 1.1;
    private static final double MODULE_SKEW = 1.0;
    private static final double USER_AGENT_SKEW = 1.5;
    /** Each interval varies by up to this fraction so users that start together drift apart. */
    private static final double HEARTBEAT_JITTER = 0.1;
    /** No one stays longer, which also keeps instants far from overflow. */
    private static final Duration LONGEST_SESSION = Duration.ofDays(30);

    private final SimulationSettings settings;
    private final Clock clock;
    private final Random random;
    private final List<String> moduleIds;
    private final ZipfDistribution organizations;
    private final ZipfDistribution modules;
    private final ZipfDistribution userAgents;
    private final PriorityQueue<SimulatedUser> schedule =
            new PriorityQueue<>(Comparator.comparing(SimulatedUser::nextEvent));
    private long lastUserNumber;
    private boolean populated;

    public SimulationModel(SimulationSettings settings, Clock clock, Random random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.moduleIds = Catalog.moduleIds(settings.modules());
        this.organizations = new ZipfDistribution(settings.organizations(), ORGANIZATION_SKEW);
        this.modules = new ZipfDistribution(settings.modules(), MODULE_SKEW);
        this.userAgents = new ZipfDistribution(Catalog.USER_AGENTS.size(), USER_AGENT_SKEW);
    }

    /** Everything that fell due up to the clock's now; the first call logs the whole population in. */
    public SimulationStep advance() {
        Instant now = clock.instant();
        if (!populated) {
            populate(now);
            populated = true;
        }
        List<Activity> heartbeats = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        int logins = 0;
        int moves = 0;
        while (!schedule.isEmpty() && !schedule.peek().nextEvent().isAfter(now)) {
            SimulatedUser user = schedule.poll();
            if (user.logsOutBeforeNextHeartbeat()) {
                ended.add(user.sessionId());
                // The population stays constant: someone else logs in as this user leaves.
                schedule.add(newUser(user.logoutAt()));
                continue;
            }
            if (!user.isLoggedIn()) {
                logins++;
            } else if (maybeMove(user)) {
                moves++;
            }
            heartbeats.add(user.heartbeat());
            user.scheduleHeartbeat(nextHeartbeat(user.nextHeartbeat(), now));
            schedule.add(user);
        }
        return new SimulationStep(heartbeats, ended, logins, moves);
    }

    /** How many users are online (logged in, or about to send their first heartbeat). */
    public int online() {
        return schedule.size();
    }

    /** The module ids this simulation uses. */
    public List<String> moduleIds() {
        return moduleIds;
    }

    private void populate(Instant now) {
        for (int i = 0; i < settings.users(); i++) {
            // Spread the first heartbeats over one interval so the load is even from the start.
            schedule.add(newUser(now.plusMillis((long) (random.nextDouble() * settings.heartbeat().toMillis()))));
        }
    }

    private SimulatedUser newUser(Instant loginAt) {
        lastUserNumber++;
        return new SimulatedUser(
                Catalog.userId(lastUserNumber),
                Catalog.organizationId(organizations.sample(random)),
                randomUuid().toString(),
                Catalog.USER_AGENTS.get(userAgents.sample(random)),
                moduleIds.get(modules.sample(random)),
                loginAt,
                loginAt.plus(sessionLength()));
    }

    private Duration sessionLength() {
        Duration mean = settings.meanSessionLength();
        if (mean == null) {
            return LONGEST_SESSION;
        }
        // Exponential lengths are memoryless, so users already online at the start behave like the rest.
        long millis = Math.round(-Math.log(1 - random.nextDouble()) * mean.toMillis());
        long shortest = settings.heartbeat().toMillis();
        return Duration.ofMillis(Math.min(Math.max(millis, shortest), LONGEST_SESSION.toMillis()));
    }

    private boolean maybeMove(SimulatedUser user) {
        if (random.nextDouble() >= settings.moveProbabilityPerHeartbeat()) {
            return false;
        }
        String target = moduleIds.get(modules.sample(random));
        if (target.equals(user.moduleId())) {
            // Popular modules would otherwise swallow most moves; take the next one along instead.
            target = moduleIds.get((moduleIds.indexOf(target) + 1 + random.nextInt(moduleIds.size() - 1))
                    % moduleIds.size());
        }
        user.moveTo(target);
        return true;
    }

    private Instant nextHeartbeat(Instant sentAt, Instant now) {
        long interval = settings.heartbeat().toMillis();
        long jitter = Math.round(interval * HEARTBEAT_JITTER * (2 * random.nextDouble() - 1));
        Instant next = sentAt.plusMillis(interval + jitter);
        if (next.isAfter(now)) {
            return next;
        }
        // Behind schedule (the sender stalled): re-spread instead of firing every late heartbeat at once.
        return now.plusMillis(1 + (long) (random.nextDouble() * interval));
    }

    private UUID randomUuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
