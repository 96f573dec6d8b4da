/**
 * Strategies: the contracts ({@link io.crowdpulse.optimizer.strategy.Strategy},
 * {@link io.crowdpulse.optimizer.strategy.Proposal}, {@link io.crowdpulse.optimizer.strategy.Risk}), the engine
 * that evaluates them in priority order and the standard set; implementations live in {@code standard}.
 */
package io.crowdpulse.optimizer.strategy;
