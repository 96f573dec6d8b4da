package io.crowdpulse.optimizer.config;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the optimizer does with what it finds. */
public enum Mode {
    /** Nothing: no evaluation, no change (changes already applied are still verified). */
    OFF,
    /** Evaluate and store recommendations; changes only by hand. */
    RECOMMEND,
    /** Evaluate, apply the most urgent change per target, verify it and roll it back if it hurt. */
    AUTO;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Mode of(String text) {
        if (text == null) {
            return null;
        }
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
