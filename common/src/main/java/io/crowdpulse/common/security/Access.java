package io.crowdpulse.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a REST endpoint requires. Every resource method must carry it (on the method or its class):
 * the API-key filter refuses a method without one, so a forgotten annotation is a 403, never an open door.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Access {

    Role value();
}
