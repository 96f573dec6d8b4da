package io.crowdpulse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.crowdpulse.common.paging.PageRequest;
import io.crowdpulse.common.problem.ProblemException;
import io.crowdpulse.common.validation.Identifiers;

class PagingAndIdentifiersTest {

    @Test
    void shouldDefaultAndBoundPages() {
        PageRequest request = PageRequest.of(null, null);
        assertEquals(0, request.page());
        assertEquals(50, request.size());
        assertEquals(1000, PageRequest.of(2, 500).offset());
        assertThrows(ProblemException.class, () -> PageRequest.of(0, 501));
        assertThrows(ProblemException.class, () -> PageRequest.of(-1, 10));
        assertThrows(ProblemException.class, () -> PageRequest.of(0, 0));
    }

    @Test
    void shouldAcceptOnlyIdentifierCharactersUpTo128() {
        assertTrue(Identifiers.isValid("user-1@org.example:tax_2"));
        assertTrue(Identifiers.isValid("a".repeat(128)));
        assertFalse(Identifiers.isValid("a".repeat(129)));
        assertFalse(Identifiers.isValid(""));
        assertFalse(Identifiers.isValid("user 1"));
        assertFalse(Identifiers.isValid("user/1"));
        assertFalse(Identifiers.isValid(null));
    }
}
