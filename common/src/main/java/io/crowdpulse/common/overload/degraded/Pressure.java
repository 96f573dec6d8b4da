package io.crowdpulse.common.overload.degraded;

/**
 * Whether one tick of limiter figures counts as overload: enough of the tick's requests were shed, or
 * the limiter was nearly full at the end of it.
 *
 * @param shedRatio  share (0..1) of a tick's limited requests that, shed, makes the tick overloaded;
 *                   at least one request must have been shed
 * @param saturation share (0..1) of the limit in flight that makes the tick overloaded; above 1 never
 */
public record Pressure(double shedRatio, double saturation) {

    public Pressure {
        if (!(shedRatio >= 0 && shedRatio <= 1)) {
            throw new IllegalArgumentException("shedRatio must be within 0..1, got " + shedRatio);
        }
        if (!(saturation > 0)) {
            throw new IllegalArgumentException("saturation must be positive, got " + saturation);
        }
    }

    /**
     * @param shed     requests shed during the tick
     * @param admitted requests admitted during the tick
     * @param inflight requests in flight at the end of the tick
     * @param limit    the concurrency limit at the end of the tick
     */
    public boolean overloaded(long shed, long admitted, int inflight, int limit) {
        if (shed > 0 && shed >= shedRatio * (shed + admitted)) {
            return true;
        }
        return limit > 0 && inflight >= saturation * limit;
    }
}
