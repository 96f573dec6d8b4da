package io.crowdpulse.optimizer.strategy;

import java.util.List;

/** The standard set of strategies, in priority order. (Contract; implementation follows.) */
public final class Strategies {

    private Strategies() {
    }

    public static List<Strategy> standard() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
