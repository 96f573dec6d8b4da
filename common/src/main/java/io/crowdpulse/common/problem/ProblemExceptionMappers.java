package io.crowdpulse.common.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception that reaches the REST layer into RFC 9457 problem+json: bad input is a 4xx that
 * names the field, anything unexpected is a 500 with an id to find in the log, never a stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = ProblemResponses.of(e.problem().withInstance(uri.getPath()));
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return ProblemResponses.of(Problem.of(400, "validation", "Invalid request", detail)
                .withErrors(errors).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return badJson(uri, field, "unknown field '" + e.getPropertyName() + "'");
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badJson(uri, jsonPath(e), "expected " + describe(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String message = e.getTargetType() == null ? "unexpected value" : "expected " + describe(e.getTargetType());
        return badJson(uri, field, message);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return badJson(uri, jsonPath(e), firstLine(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return malformed(uri, e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return malformed(uri, e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return unrecognizedProperty(u, uri);
        }
        if (cause instanceof InvalidFormatException i) {
            return invalidFormat(i, uri);
        }
        if (cause instanceof MismatchedInputException m) {
            return mismatchedInput(m, uri);
        }
        if (cause instanceof JsonProcessingException j) {
            return malformed(uri, j);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && cause instanceof IllegalArgumentException) {
            // JAX-RS answers 404 when a query or path parameter does not convert; it is bad input.
            return ProblemResponses.of(Problem.of(400, "validation", "Invalid request",
                    "A parameter has the wrong type: " + firstLine(cause.getMessage())).withInstance(uri.getPath()));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "Nothing at " + uri.getPath();
            case 405 -> "Method not allowed on " + uri.getPath();
            case 415 -> "Send the body as application/json";
            case 406 -> "This resource answers in application/json";
            default -> e.getMessage() == null ? title : firstLine(e.getMessage());
        };
        if (status >= 500) {
            LOG.errorf(e, "Request to %s failed", uri.getPath());
        }
        return ProblemResponses.of(Problem.of(status, slug(title), title, detail).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return malformed(uri, j);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", incident, uri.getPath());
        return ProblemResponses.of(Problem.of(500, "internal", "Internal error",
                "The server failed to handle the request; incident " + incident).withInstance(uri.getPath()));
    }

    private static Response malformed(UriInfo uri, JsonProcessingException e) {
        return ProblemResponses.of(Problem.of(400, "malformed-body", "Malformed JSON body",
                "The body is not valid JSON: " + firstLine(e.getOriginalMessage())).withInstance(uri.getPath()));
    }

    private static Response badJson(UriInfo uri, String field, String message) {
        return ProblemResponses.of(Problem.of(400, "validation", "Invalid request", field + ": " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))).withInstance(uri.getPath()));
    }

    /** The dotted path of a JSON error, e.g. {@code [3].userId}; {@code body} when it is the whole body. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** The field a violation is about, without the resource method and parameter names Bean Validation puts first. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.length() > 0) {
            return field.toString();
        }
        return parameter == null ? "request" : parameter;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
