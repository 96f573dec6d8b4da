package io.crowdpulse.cli.http;

import java.util.List;

/** An RFC 9457 {@code application/problem+json} body as the Crowdpulse services send it. */
public record ProblemDetails(String type, String title, Integer status, String detail, List<FieldError> errors) {

    /** One invalid input: which field, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
