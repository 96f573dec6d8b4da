package io.crowdpulse.common.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * An identifier (user, session, organization, module, rule, target): 1–128 characters of
 * {@code [A-Za-z0-9._:@-]}. Null passes; combine with {@code @NotNull} where it is required.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Identifier.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE,
        ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    String PATTERN = "[A-Za-z0-9._:@-]{1,128}";

    String message() default "must be 1-128 characters of letters, digits and . _ : @ -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
