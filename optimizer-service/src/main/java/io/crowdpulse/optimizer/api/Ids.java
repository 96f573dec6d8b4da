package io.crowdpulse.optimizer.api;

import java.util.UUID;

import io.crowdpulse.common.problem.ProblemException;

/** Identifiers in paths: a malformed one is a 400 that says so, not a 404. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String field, String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, "must be a UUID such as 3f2b8c1e-0d4a-4f5e-9b7c-2a1d6e8f9c0b");
    }
}
