package io.crowdpulse.cli.simulate;

import java.util.List;

import io.crowdpulse.cli.sessions.Activity;

/**
 * What the simulated users did since the last step: the heartbeats to send (logins included), the sessions
 * that ended, and how many logins and module moves there were.
 */
public record SimulationStep(List<Activity> heartbeats, List<String> endedSessions, int logins, int moves) {

    public SimulationStep {
        heartbeats = List.copyOf(heartbeats);
        endedSessions = List.copyOf(endedSessions);
    }
}
