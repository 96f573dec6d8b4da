package io.crowdpulse.alerting.alerts;

import java.util.Locale;

/** How serious an alert is; ordered, so a critical alert can inhibit warnings and infos. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
