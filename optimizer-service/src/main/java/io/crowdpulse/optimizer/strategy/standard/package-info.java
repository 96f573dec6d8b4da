/**
 * The standard strategies, one small final class each, built with {@code newBuilder()} whose setters check their
 * thresholds. What they share:
 * <ul>
 * <li>They read only {@link io.crowdpulse.optimizer.figures.TargetFigures}: window means for sustained
 * conditions (CPU, memory, latency, error and throttled rates, pool usage), the newest value and the slope for
 * things that move (queue sizes, the limiter's limit). A strategy whose knob or figures a target lacks does not
 * apply.</li>
 * <li>A proposal moves one knob from its current value towards the strategy's model value, rounded away from the
 * current value when the knob is whole-numbered (a raise raises by at least one), clamped into the knob's
 * {@code [min, max]}; no proposal when that leaves the knob where it is (already at a bound).</li>
 * <li>Confidence is the strategy's base confidence, scaled down when the shortest series used holds fewer than
 * ten values.</li>
 * <li>Proposals that relieve pressure carry the strategy's priority; those that only give back idle resources
 * (a smaller pool, fewer replicas, a shorter TTL) carry half of it: they are never urgent.</li>
 * <li>Each strategy's raise and lower conditions leave a gap between them (e.g. grow a pool at 90 % usage,
 * shrink it only below 30 % peak usage, to 60 %), so a change does not trigger its own reversal.</li>
 * </ul>
 */
package io.crowdpulse.optimizer.strategy.standard;
