package io.crowdpulse.common.overload.workers;

/** Waits between retries; tests pass one that records the pauses instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
