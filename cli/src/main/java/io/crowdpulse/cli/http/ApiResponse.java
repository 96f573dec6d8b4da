package io.crowdpulse.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What the service answered: status, content type and the body as text. */
public record ApiResponse(int status, String contentType, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean hasBody() {
        return body != null && !body.isBlank();
    }

    public JsonNode json() {
        return Json.tree(body);
    }

    public <T> T as(Class<T> type) {
        return Json.read(body, type);
    }
}
