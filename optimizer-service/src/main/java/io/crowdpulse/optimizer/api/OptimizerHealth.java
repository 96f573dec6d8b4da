package io.crowdpulse.optimizer.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.crowdpulse.optimizer.config.RuntimeSettings;
import io.crowdpulse.optimizer.loop.OptimizerLoop;
import io.smallrye.health.api.Wellness;

/**
 * Shows in the health data whether this replica acts (holds the lease) or stands by, and the mode. It is a
 * wellness check, not readiness: a standby replica serves the API as well as the leader.
 */
@Wellness
public class OptimizerHealth implements HealthCheck {

    private final OptimizerLoop loop;
    private final RuntimeSettings settings;

    public OptimizerHealth(OptimizerLoop loop, RuntimeSettings settings) {
        this.loop = loop;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("optimizer").up()
                .withData("role", loop.isLeader() ? "leader" : "standby")
                .withData("holder", loop.holderId())
                .withData("mode", settings.current().mode().label())
                .withData("dryRun", settings.current().dryRun())
                .build();
    }
}
