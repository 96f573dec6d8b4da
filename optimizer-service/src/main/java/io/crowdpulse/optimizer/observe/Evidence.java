package io.crowdpulse.optimizer.observe;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The recent anomalies and alert events of each target: evidence shown beside bottlenecks and rationales. */
public final class Evidence {

    /** One anomaly or alert event. {@code kind} is {@code anomaly} or {@code alert}. */
    public record Item(String kind, Instant at, String metric, String severity, double value, String detail) {

        /** One line for a rationale: {@code anomaly http.p99_ms=900 (critical)}. */
        public String line() {
            return kind + " " + metric + "=" + (value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.3f", value))
                    + " (" + detail + ")";
        }
    }

    private final int perTarget;
    private final long maxAgeMillis;
    private final Map<String, Deque<Item>> items = new ConcurrentHashMap<>();

    public Evidence(int perTarget, long maxAgeMillis) {
        this.perTarget = perTarget;
        this.maxAgeMillis = maxAgeMillis;
    }

    public void add(String target, Item item) {
        if (target == null) {
            return;
        }
        Deque<Item> deque = items.computeIfAbsent(target, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(item);
            while (deque.size() > perTarget) {
                deque.removeFirst();
            }
        }
    }

    /** The target's items younger than the maximum age at {@code now}, newest first. */
    public List<Item> recent(String target, Instant now) {
        Deque<Item> deque = items.get(target);
        if (deque == null) {
            return List.of();
        }
        List<Item> recent = new ArrayList<>();
        synchronized (deque) {
            deque.descendingIterator().forEachRemaining(i -> {
                if (now.toEpochMilli() - i.at().toEpochMilli() <= maxAgeMillis) {
                    recent.add(i);
                }
            });
        }
        return recent;
    }
}
