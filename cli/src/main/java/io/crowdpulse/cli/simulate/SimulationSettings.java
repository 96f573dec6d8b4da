package io.crowdpulse.cli.simulate;

import java.time.Duration;

/**
 * The shape of simulated traffic: how many users stay online, across how many modules and organizations, how
 * often each sends a heartbeat, how fast users log out ({@code churnPerMinute}, the fraction of online users
 * who leave per minute, so sessions last {@code 1 / churn} minutes on average) and how long a user stays in
 * one module on average.
 */
public record SimulationSettings(int users, int modules, int organizations, Duration heartbeat,
                                 double churnPerMinute, Duration moduleDwell) {

    public SimulationSettings {
        require(users >= 1, "users must be at least 1");
        require(modules >= 1, "modules must be at least 1");
        require(organizations >= 1, "organizations must be at least 1");
        require(heartbeat != null && heartbeat.toMillis() >= 100, "heartbeat must be at least 100ms");
        require(churnPerMinute >= 0 && churnPerMinute <= 60, "churn must be between 0 and 60 per minute");
        require(moduleDwell != null && !moduleDwell.isNegative() && !moduleDwell.isZero(),
                "module dwell time must be longer than zero");
    }

    /** The mean session length, or {@code null} when users never log out. */
    public Duration meanSessionLength() {
        return churnPerMinute == 0 ? null : Duration.ofMillis(Math.round(60_000 / churnPerMinute));
    }

    /** The chance that a user moves to another module between two heartbeats. */
    public double moveProbabilityPerHeartbeat() {
        return modules < 2 ? 0 : 1 - Math.exp(-(double) heartbeat.toMillis() / moduleDwell.toMillis());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
