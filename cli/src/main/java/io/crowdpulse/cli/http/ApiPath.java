package io.crowdpulse.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A path with its query under the service's {@code /api/v1}, each segment and parameter encoded once, here. */
public final class ApiPath {

    private static final String API_BASE = "/api/v1";

    private final String path;
    private final List<String> query = new ArrayList<>();

    private ApiPath(String path) {
        this.path = path;
    }

    /** A path under {@code /api/v1} built from raw segments, e.g. {@code of("sessions", id)}. */
    public static ApiPath of(String... segments) {
        StringBuilder path = new StringBuilder(API_BASE);
        for (String segment : segments) {
            path.append('/').append(encodeSegment(segment));
        }
        return new ApiPath(path.toString());
    }

    /** A path outside the API, such as {@code /q/health}, taken as written. */
    public static ApiPath root(String path) {
        return new ApiPath(path);
    }

    /** Adds {@code name=value} to the query; a null value adds nothing. */
    public ApiPath param(String name, Object value) {
        if (value != null) {
            query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    static String encodeSegment(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@';
    }
}
