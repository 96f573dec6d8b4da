package io.crowdpulse.cli.http;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an error response into one line a person can act on, e.g.
 * {@code 400 Bad Request: invalid activity (userId: must not be blank; moduleId: too long)}.
 */
public final class ProblemLine {

    private static final int MAX_TEXT = 200;

    private ProblemLine() {
    }

    public static String format(int status, String body) {
        ProblemDetails problem = parse(body);
        if (problem == null) {
            String text = flatten(body);
            return status + " " + StatusText.of(status) + (text.isEmpty() ? "" : ": " + text);
        }
        return formatProblem(status, problem);
    }

    private static String formatProblem(int status, ProblemDetails problem) {
        String title = blank(problem.title()) ? StatusText.of(status) : flatten(problem.title());
        StringBuilder line = new StringBuilder().append(status).append(' ').append(title);
        String detail = flatten(problem.detail());
        if (!detail.isEmpty() && !detail.equalsIgnoreCase(title)) {
            line.append(": ").append(detail);
        }
        String fields = fieldErrors(problem.errors(), detail);
        if (!fields.isEmpty()) {
            line.append(detail.isEmpty() ? ": " : " (").append(fields).append(detail.isEmpty() ? "" : ")");
        }
        return line.toString();
    }

    private static String fieldErrors(List<ProblemDetails.FieldError> errors, String detail) {
        if (errors == null) {
            return "";
        }
        return errors.stream()
                .filter(Objects::nonNull)
                .map(e -> blank(e.field()) ? flatten(e.message()) : flatten(e.field()) + ": " + flatten(e.message()))
                // Servers often spell a single field error out in the detail too; say it once.
                .filter(error -> !detail.contains(error))
                .collect(Collectors.joining("; "));
    }

    private static ProblemDetails parse(String body) {
        if (blank(body)) {
            return null;
        }
        try {
            JsonNode tree = Json.tree(body);
            if (!tree.isObject() || !(tree.has("title") || tree.has("detail") || tree.has("errors"))) {
                return null;
            }
            return Json.read(body, ProblemDetails.class);
        } catch (IllegalArgumentException notProblemJson) {
            return null;
        }
    }

    private static String flatten(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT) + "…";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
