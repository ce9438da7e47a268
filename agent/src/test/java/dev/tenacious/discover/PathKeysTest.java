package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Requests to different resources have different keys; ids, tokens and queries do not make new ones. */
class PathKeysTest {
    @Test
    void theFirstTwoSegmentsWithoutIdsMakeTheKey() {
        assertEquals(PathKeys.hash("/accounts/alice"), PathKeys.hash("/accounts/alice?token=x"));
        assertEquals(PathKeys.hash("/orders/123"), PathKeys.hash("/orders/456/items"));
        assertEquals(PathKeys.hash("/orders/123"), PathKeys.hash("http://host:8080/orders/9"));
        assertNotEquals(PathKeys.hash("/accounts/alice"), PathKeys.hash("/reports/daily"));
        assertNotEquals(PathKeys.hash("/api/orders"), PathKeys.hash("/api/users"));
        assertNotEquals(0, PathKeys.hash("/"));
        assertEquals(0, PathKeys.hash(null));
    }
}
