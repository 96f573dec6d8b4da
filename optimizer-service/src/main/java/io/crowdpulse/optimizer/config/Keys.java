package io.crowdpulse.optimizer.config;

/** The optimizer's Redis keys, built in one place: {@code <key-prefix>:<namespace>:…}. */
public final class Keys {

    private final String base;

    public Keys(String keyPrefix, String namespace) {
        this.base = keyPrefix + ":" + namespace;
    }

    /** The lease of the replica that acts. */
    public String lease() {
        return base + ":lease:optimizer";
    }
}
