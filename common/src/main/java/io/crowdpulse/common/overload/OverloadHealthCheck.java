package io.crowdpulse.common.overload;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.crowdpulse.common.overload.limiter.PartitionedLimiter;

/**
 * Shows degraded mode and the limiter in the health data. Always UP: a degraded service is alive and
 * still serves what matters; restarting it or taking it out of rotation would only move the load.
 */
@Liveness
@Singleton
public class OverloadHealthCheck implements HealthCheck {

    private final DegradedMode degraded;
    private final PartitionedLimiter limiter;

    public OverloadHealthCheck(DegradedMode degraded, OverloadProtection protection) {
        this.degraded = degraded;
        this.limiter = protection.limiter();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("overload").up()
                .withData("degraded", degraded.isDegraded())
                .withData("since", degraded.since().toString())
                .withData("limit", limiter.limit())
                .withData("inflight", limiter.inflight())
                .withData("shed", limiter.shedTotal())
                .build();
    }
}
