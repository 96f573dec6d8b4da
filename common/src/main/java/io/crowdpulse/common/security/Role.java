package io.crowdpulse.common.security;

/** What an API key may do: send activity and metrics, read, or read and change. */
public enum Role {
    INGEST,
    VIEWER,
    ADMIN;

    /** Whether a key holding this role may call an endpoint that requires {@code required}; admin may do anything. */
    public boolean grants(Role required) {
        return this == required || this == ADMIN;
    }
}
