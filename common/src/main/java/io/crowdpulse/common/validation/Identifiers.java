package io.crowdpulse.common.validation;

import java.util.regex.Pattern;

/** Programmatic check of the identifier rule, for values that do not pass through Bean Validation. */
public final class Identifiers {

    private static final Pattern VALID = Pattern.compile(Identifier.PATTERN);

    private Identifiers() {
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }
}
