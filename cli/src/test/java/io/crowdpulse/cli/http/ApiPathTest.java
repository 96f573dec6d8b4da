package io.crowdpulse.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiPathTest {

    @Test
    void shouldPutSegmentsUnderTheApiBase() {
        assertEquals("/api/v1/concurrent-users/modules/accounting",
                ApiPath.of("concurrent-users", "modules", "accounting").toString());
    }

    @Test
    void shouldEncodeSegmentsSoAnIdCannotChangeThePath() {
        assertEquals("/api/v1/sessions/a%2Fb%20c%3F", ApiPath.of("sessions", "a/b c?").toString());
        assertEquals("/api/v1/sessions/user@org:1.x_y-z~", ApiPath.of("sessions", "user@org:1.x_y-z~").toString());
    }

    @Test
    void shouldEncodeQueryValuesAndSkipNulls() {
        String path = ApiPath.of("concurrent-users", "peak")
                .param("from", "2026-01-01T10:00:00+01:00")
                .param("to", "now")
                .param("module", null)
                .toString();

        assertEquals("/api/v1/concurrent-users/peak?from=2026-01-01T10%3A00%3A00%2B01%3A00&to=now", path);
    }
}
