package io.crowdpulse.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ProblemLineTest {

    @Test
    void shouldPrintStatusTitleAndDetail() {
        String body = """
                {"type":"https://crowdpulse.io/problems/unauthorized","title":"Unauthorized","status":401,
                 "detail":"missing API key"}""";

        assertEquals("401 Unauthorized: missing API key", ProblemLine.format(401, body));
    }

    @Test
    void shouldListFieldErrorsAfterTheDetail() {
        String body = """
                {"title":"Bad Request","status":400,"detail":"invalid activity",
                 "errors":[{"field":"userId","message":"must not be blank"},
                           {"field":"moduleId","message":"must match [A-Za-z0-9._:@-]{1,128}"}]}""";

        assertEquals("400 Bad Request: invalid activity (userId: must not be blank; "
                + "moduleId: must match [A-Za-z0-9._:@-]{1,128})", ProblemLine.format(400, body));
    }

    @Test
    void shouldListFieldErrorsWhenThereIsNoDetail() {
        String body = """
                {"title":"Bad Request","status":400,"errors":[{"field":"top","message":"must be at most 1000"}]}""";

        assertEquals("400 Bad Request: top: must be at most 1000", ProblemLine.format(400, body));
    }

    @Test
    void shouldNotRepeatFieldErrorsTheDetailAlreadySays() {
        String body = """
                {"title":"Invalid request","status":400,"detail":"step: must be longer than zero",
                 "errors":[{"field":"step","message":"must be longer than zero"},{"field":"to","message":"is required"}]}""";

        assertEquals("400 Invalid request: step: must be longer than zero (to: is required)",
                ProblemLine.format(400, body));
    }

    @Test
    void shouldNotRepeatADetailThatIsTheTitle() {
        assertEquals("404 Not Found", ProblemLine.format(404, "{\"title\":\"Not Found\",\"detail\":\"Not Found\"}"));
    }

    @Test
    void shouldUseTheReasonPhraseWithoutTitle() {
        assertEquals("403 Forbidden: viewer role required", ProblemLine.format(403, "{\"detail\":\"viewer role required\"}"));
    }

    @Test
    void shouldKeepPlainTextBodiesOnOneShortLine() {
        String line = ProblemLine.format(502, "<html>\n<body>Bad gateway\n</body></html>" + "x".repeat(500));

        assertFalse(line.contains("\n"));
        assertEquals(true, line.startsWith("502 Bad Gateway: <html> <body>Bad gateway </body></html>xxx"));
        assertEquals(true, line.length() < 240, line);
    }

    @Test
    void shouldHandleEmptyAndNonProblemJsonBodies() {
        assertEquals("500 Internal Server Error", ProblemLine.format(500, ""));
        assertEquals("503 Service Unavailable", ProblemLine.format(503, null));
        assertEquals("409 Conflict: [1,2]", ProblemLine.format(409, "[1,2]"));
    }

    @Test
    void shouldFlattenMultiLineDetails() {
        assertEquals("400 Bad Request: line one line two",
                ProblemLine.format(400, "{\"title\":\"Bad Request\",\"detail\":\"line one\\nline two\"}"));
    }
}
