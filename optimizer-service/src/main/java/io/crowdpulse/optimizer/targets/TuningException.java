package io.crowdpulse.optimizer.targets;

/** A call to a target's tuning API that did not succeed; {@link #rejected()} when the target refused the change (4xx). */
public class TuningException extends Exception {

    private final boolean rejected;

    public TuningException(String message, boolean rejected) {
        super(message);
        this.rejected = rejected;
    }

    public boolean rejected() {
        return rejected;
    }
}
