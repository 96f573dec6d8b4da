package io.crowdpulse.common.overload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks expensive, less important work (a bean method or a whole bean) that answers 503 with
 * {@code Retry-After} at once while the service is in {@link DegradedMode}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ShedWhenDegraded {

    /** What the work is, for the 503's detail ("long-range history queries"). */
    @Nonbinding
    String value() default "expensive requests";
}
