package io.crowdpulse.anomaly.detector;

/** Argument checks shared by the builders, so every setter fails the same way. */
final class Check {

    private Check() {
    }

    static double openUnit(String what, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be in (0, 1]: " + value);
        }
        return value;
    }

    static int range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "]: " + value);
        }
        return value;
    }

    static String name(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("name must be 1 to 64 characters: " + value);
        }
        return value;
    }

    static <T> T notNull(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
