package io.crowdpulse.session.history;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts at one second, as kept in Redis for a day: users and sessions in the window, open sessions,
 * the running totals of sessions started and ended (rates are differences of totals), and users per module.
 */
public record Sample(long second, long users, long sessions, long openSessions, long startedTotal, long endedTotal,
        long endedDurationMillisTotal, Map<String, Long> modules) {

    private static final String VERSION = "v1";

    public Sample {
        modules = Map.copyOf(modules);
    }

    /** The sorted-set member this sample is stored as; module ids never contain '|', ';' or '='. */
    public String encode() {
        StringBuilder s = new StringBuilder(64).append(VERSION).append('|').append(second).append('|').append(users)
                .append('|').append(sessions).append('|').append(openSessions).append('|').append(startedTotal)
                .append('|').append(endedTotal).append('|').append(endedDurationMillisTotal).append('|');
        boolean first = true;
        for (Map.Entry<String, Long> e : new TreeMap<>(modules).entrySet()) {
            if (!first) {
                s.append(';');
            }
            s.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return s.toString();
    }

    public static Sample decode(String member) {
        String[] f = member.split("\\|", -1);
        if (f.length != 9 || !VERSION.equals(f[0])) {
            throw new IllegalArgumentException("not a v1 sample: " + member);
        }
        Map<String, Long> modules = new TreeMap<>();
        if (!f[8].isEmpty()) {
            for (String pair : f[8].split(";")) {
                int eq = pair.lastIndexOf('=');
                modules.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), modules);
    }

    /** The count this sample holds for a scope: all users, or the users of one module. */
    public long users(String moduleId) {
        return moduleId == null ? users : modules.getOrDefault(moduleId, 0L);
    }
}
