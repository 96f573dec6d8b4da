package io.crowdpulse.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; the body is serialized here so no message body writer has to know the media type. */
public final class ProblemResponses {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(toJson(problem))
                .build();
    }

    public static String toJson(Problem problem) {
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and ints always serializes; keep a valid body if it ever does not.
            return "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
    }
}
