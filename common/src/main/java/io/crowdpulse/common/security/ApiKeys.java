package io.crowdpulse.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves an API key to its role, comparing in constant time so a key cannot be guessed byte by byte. */
public final class ApiKeys {

    private record Entry(byte[] key, Role role) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public ApiKeys(List<String> ingest, List<String> viewer, List<String> admin) {
        // Admin first: a key listed under several roles gets the strongest.
        add(admin, Role.ADMIN);
        add(viewer, Role.VIEWER);
        add(ingest, Role.INGEST);
    }

    private void add(List<String> keys, Role role) {
        for (String key : keys) {
            String trimmed = key.trim();
            if (!trimmed.isEmpty()) {
                entries.add(new Entry(trimmed.getBytes(StandardCharsets.UTF_8), role));
            }
        }
    }

    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.key(), candidate) && found == null) {
                found = entry.role();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The key in an {@code Authorization: Bearer} or {@code X-API-Key} header, if any. */
    public static Optional<String> presentedKey(String authorization, String apiKeyHeader) {
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return Optional.of(apiKeyHeader.trim());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        }
        return Optional.empty();
    }
}
