package io.crowdpulse.common.security;

/** Who made the current request: the role of their key and a short, non-secret fingerprint of it. */
public record Caller(Role role, String keyFingerprint) {

    /** Request property under which the filter leaves the caller for later filters and resources. */
    public static final String PROPERTY = "crowdpulse.caller";
}
