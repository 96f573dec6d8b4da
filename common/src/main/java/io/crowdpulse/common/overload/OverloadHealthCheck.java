package io.crowdpulse.common.overload;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.crowdpulse.common.overload.limiter.PartitionedLimiter;
import io.smallrye.health.api.Wellness;

/**
 * Shows degraded mode and the limiter in the health data. Always UP: a degraded service is alive and
 * still serves what matters; restarting it or taking it out of rotation would only move the load. A
 * wellness check ({@code /q/health/well}, and {@code /q/health}), not a liveness one: a blocking check in
 * liveness would move every probe off the event loop.
 */
@Wellness
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
