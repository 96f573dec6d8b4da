package io.crowdpulse.optimizer.diagnosis;

/** What can limit a target. */
public enum Resource {
    CPU, MEMORY, DATABASE_POOL, REDIS, QUEUE, LIMITER, UPSTREAM
}
