package io.crowdpulse.common.overload;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Refuses a {@link ShedWhenDegraded} method while the service is degraded. */
@ShedWhenDegraded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ShedWhenDegradedInterceptor {

    private final DegradedMode degraded;

    public ShedWhenDegradedInterceptor(DegradedMode degraded) {
        this.degraded = degraded;
    }

    @AroundInvoke
    Object shed(InvocationContext ctx) throws Exception {
        if (degraded.isDegraded()) {
            ShedWhenDegraded marker = ctx.getMethod().getAnnotation(ShedWhenDegraded.class);
            if (marker == null) {
                marker = ctx.getMethod().getDeclaringClass().getAnnotation(ShedWhenDegraded.class);
            }
            degraded.rejectIfDegraded(marker == null ? "expensive requests" : marker.value());
        }
        return ctx.proceed();
    }
}
