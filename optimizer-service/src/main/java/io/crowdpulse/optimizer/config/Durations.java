package io.crowdpulse.optimizer.config;

import java.time.Duration;

import io.crowdpulse.common.time.TimeExpressions;

/** Durations as the optimizer's API writes and reads them: {@code 60s}, {@code 5m}, {@code 1500ms} (or ISO-8601). */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** Parses a duration a client sent; {@code 0s} is allowed (a cooldown of nothing). */
    public static Duration parse(String field, String text) {
        if (text != null && text.trim().matches("0+(ms|s|m|h|d)?|PT0S")) {
            return Duration.ZERO;
        }
        return TimeExpressions.duration(field, text);
    }
}
