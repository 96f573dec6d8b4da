package io.crowdpulse.metrics.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScrapeOwnershipTest {

    @Test
    void shouldGiveEveryTargetOneOwnerAndSpreadThem() {
        List<String> replicas = List.of("r1", "r2", "r3");
        Map<String, Integer> perReplica = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            perReplica.merge(ScrapeOwnership.ownerOf("target-" + i, replicas), 1, Integer::sum);
        }
        assertEquals(3, perReplica.size());
        perReplica.values().forEach(n -> assertTrue(n > 70 && n < 130, "uneven split: " + perReplica));
    }

    @Test
    void shouldMoveOnlyTheTargetsOfAReplicaThatLeaves() {
        List<String> three = List.of("r1", "r2", "r3");
        List<String> two = List.of("r1", "r3");
        for (int i = 0; i < 300; i++) {
            String target = "target-" + i;
            String before = ScrapeOwnership.ownerOf(target, three);
            String after = ScrapeOwnership.ownerOf(target, two);
            if (!before.equals("r2")) {
                assertEquals(before, after, "a target of a replica that stayed moved: " + target);
            }
        }
        assertEquals(ScrapeOwnership.ownerOf("t", List.of("a", "b")), ScrapeOwnership.ownerOf("t", List.of("b", "a")));
    }
}
