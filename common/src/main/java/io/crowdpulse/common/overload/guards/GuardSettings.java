package io.crowdpulse.common.overload.guards;

import java.time.Duration;
import java.util.Objects;

/**
 * What the guards of one outbound client are built with: a timeout per call, retries with exponential
 * backoff and jitter (none when {@code maxRetries} is 0), and per destination a circuit breaker and a
 * bulkhead. Immutable; each {@code with…} answers a changed copy.
 *
 * @param timeout longest wait for one call
 * @param maxRetries retries of a call that failed
 * @param retryDelay first pause before a retry; doubles with each retry
 * @param retryJitter random variation of each retry pause
 * @param circuitVolume calls the circuit breaker looks at
 * @param circuitFailureRatio share of failures among those calls that opens the circuit
 * @param circuitDelay how long an open circuit stays open before a trial call
 * @param bulkhead concurrent calls to one destination
 */
public record GuardSettings(Duration timeout, int maxRetries, Duration retryDelay, Duration retryJitter,
        int circuitVolume, double circuitFailureRatio, Duration circuitDelay, int bulkhead) {

    public GuardSettings {
        positive("timeout", timeout);
        notNegative("retry delay", retryDelay);
        notNegative("retry jitter", retryJitter);
        notNegative("circuit delay", circuitDelay);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
        }
        if (circuitVolume < 1) {
            throw new IllegalArgumentException("circuit volume must be >= 1, got " + circuitVolume);
        }
        if (!(circuitFailureRatio > 0 && circuitFailureRatio <= 1)) {
            throw new IllegalArgumentException("circuit failure ratio must be in (0, 1], got " + circuitFailureRatio);
        }
        if (bulkhead < 1) {
            throw new IllegalArgumentException("bulkhead must be >= 1, got " + bulkhead);
        }
    }

    public GuardSettings withTimeout(Duration timeout) {
        return new GuardSettings(timeout, maxRetries, retryDelay, retryJitter, circuitVolume, circuitFailureRatio,
                circuitDelay, bulkhead);
    }

    public GuardSettings withMaxRetries(int maxRetries) {
        return new GuardSettings(timeout, maxRetries, retryDelay, retryJitter, circuitVolume, circuitFailureRatio,
                circuitDelay, bulkhead);
    }

    public GuardSettings withCircuitFailureRatio(double circuitFailureRatio) {
        return new GuardSettings(timeout, maxRetries, retryDelay, retryJitter, circuitVolume, circuitFailureRatio,
                circuitDelay, bulkhead);
    }

    public GuardSettings withCircuitDelay(Duration circuitDelay) {
        return new GuardSettings(timeout, maxRetries, retryDelay, retryJitter, circuitVolume, circuitFailureRatio,
                circuitDelay, bulkhead);
    }

    public GuardSettings withBulkhead(int bulkhead) {
        return new GuardSettings(timeout, maxRetries, retryDelay, retryJitter, circuitVolume, circuitFailureRatio,
                circuitDelay, bulkhead);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    private static void notNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
    }
}
