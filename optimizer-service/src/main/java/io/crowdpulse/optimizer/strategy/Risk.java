package io.crowdpulse.optimizer.strategy;

/** How much a proposed change may hurt if its model is wrong. */
public enum Risk {
    LOW, MEDIUM, HIGH
}
