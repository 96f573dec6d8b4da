package io.crowdpulse.session.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeysTest {

    private final Keys keys = new Keys("cp", 16);

    @Test
    void shouldPutAUserInOneStablePartition() {
        // CRC32("user-1") % 16, fixed forever: changing it would orphan every user's data
        assertEquals(keys.partitionOf("user-1"), new Keys("other", 16).partitionOf("user-1"));
        assertEquals(keys.partitionOf("user-1"), keys.partitionOf("user-1"));
        assertEquals("cp:{3}:", keys.partitionBase(3));
        assertEquals("cp:{3}:users", keys.routingKey(3));
        assertEquals("cp:{3}:m:tax", keys.moduleUsers(3, "tax"));
    }

    @Test
    void shouldSpreadUsersEvenlyOverPartitions() {
        Map<Integer, Integer> perPartition = new HashMap<>();
        for (int i = 0; i < 160_000; i++) {
            perPartition.merge(keys.partitionOf("user-" + i), 1, Integer::sum);
        }
        assertEquals(16, perPartition.size());
        perPartition.values().forEach(n -> assertTrue(Math.abs(n - 10_000) < 500, "partition holds " + n));
    }

    @Test
    void shouldRefuseANonsensePartitionCount() {
        assertThrows(IllegalArgumentException.class, () -> new Keys("cp", 0));
    }
}
