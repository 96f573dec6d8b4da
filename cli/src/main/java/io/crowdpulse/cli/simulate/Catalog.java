package io.crowdpulse.cli.simulate;

import java.util.ArrayList;
import java.util.List;

/** The names simulated traffic uses: module ids, organization and user ids, browser User-Agents. */
final class Catalog {

    private static final List<String> MODULE_NAMES = List.of(
            "accounting", "invoicing", "payroll", "tax", "reporting", "banking",
            "expenses", "inventory", "crm", "hr", "purchasing", "assets");

    /** Most popular first, as {@link ZipfDistribution} ranks them. */
    static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");

    private Catalog() {
    }

    /** {@code count} module ids: readable names first, then {@code module-13}, {@code module-14}, … */
    static List<String> moduleIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i < MODULE_NAMES.size() ? MODULE_NAMES.get(i) : "module-" + (i + 1));
        }
        return ids;
    }

    static String organizationId(int rank) {
        return "org-" + (rank + 1);
    }

    static String userId(long number) {
        return "user-" + number;
    }
}
