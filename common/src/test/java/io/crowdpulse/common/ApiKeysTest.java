package io.crowdpulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.security.ApiKeys;
import io.crowdpulse.common.security.Role;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(List.of("ing-1", " ing-2 "), List.of("view-1"), List.of("adm-1", "view-1"));

    @Test
    void shouldResolveEachKeyToItsRole() {
        assertEquals(Optional.of(Role.INGEST), keys.roleOf("ing-1"));
        assertEquals(Optional.of(Role.INGEST), keys.roleOf("ing-2"));
        assertEquals(Optional.of(Role.ADMIN), keys.roleOf("adm-1"));
        assertEquals(Optional.empty(), keys.roleOf("ing-3"));
        assertEquals(Optional.empty(), keys.roleOf(""));
        assertEquals(Optional.empty(), keys.roleOf(null));
    }

    @Test
    void shouldGiveTheStrongestRoleToAKeyListedTwice() {
        assertEquals(Optional.of(Role.ADMIN), keys.roleOf("view-1"));
    }

    @Test
    void shouldLetAdminDoAnythingAndOthersOnlyTheirOwn() {
        assertTrue(Role.ADMIN.grants(Role.INGEST));
        assertTrue(Role.ADMIN.grants(Role.VIEWER));
        assertTrue(Role.VIEWER.grants(Role.VIEWER));
        assertFalse(Role.VIEWER.grants(Role.INGEST));
        assertFalse(Role.INGEST.grants(Role.VIEWER));
        assertFalse(Role.VIEWER.grants(Role.ADMIN));
    }

    @Test
    void shouldReadKeyFromBearerOrApiKeyHeader() {
        assertEquals(Optional.of("abc"), ApiKeys.presentedKey("Bearer abc", null));
        assertEquals(Optional.of("abc"), ApiKeys.presentedKey("bearer  abc ", null));
        assertEquals(Optional.of("xyz"), ApiKeys.presentedKey("Bearer abc", "xyz"));
        assertEquals(Optional.empty(), ApiKeys.presentedKey("Basic abc", null));
        assertEquals(Optional.empty(), ApiKeys.presentedKey("Bearer ", null));
    }
}
