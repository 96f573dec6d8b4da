package io.crowdpulse.optimizer.actuate;

/** A change an actuator could not make; the message says why, for the action's record. */
public class ActuationException extends Exception {

    public ActuationException(String message) {
        super(message);
    }
}
