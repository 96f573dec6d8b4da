package io.crowdpulse.alerting.rules;

import java.util.Map;

/** Label matching as in PromQL: each matcher must equal the series' label; an empty matcher means "absent". */
public final class LabelMatchers {

    private LabelMatchers() {
    }

    public static boolean match(Map<String, String> matchers, Map<String, String> labels) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String actual = labels.get(m.getKey());
            if (m.getValue().isEmpty() ? actual != null && !actual.isEmpty() : !m.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }
}
