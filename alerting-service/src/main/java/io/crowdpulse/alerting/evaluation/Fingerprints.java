package io.crowdpulse.alerting.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The stable identity of "this rule on this series": the same breach always maps to the same alert. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(String rule, String metric, String target, Map<String, String> labels) {
        StringBuilder s = new StringBuilder(rule).append('\0').append(metric).append('\0').append(target);
        new TreeMap<>(labels).forEach((k, v) -> s.append('\0').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
