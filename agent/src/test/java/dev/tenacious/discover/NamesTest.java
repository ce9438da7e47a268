package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Policy names after dependencies: letters, digits, '-', '_', '.', unique. */
class NamesTest {
    @Test
    void namedAfterTheHostAndAnUnusualPortOrTheDatabase() {
        assertEquals("api.vendor.com", Names.of(Dependency.http("api.vendor.com", 443)));
        assertEquals("127.0.0.1-8080", Names.of(Dependency.http("127.0.0.1", 8080)));
        assertEquals("1", Names.of(Dependency.http("::1", 8080)).substring(0, 1));
        assertEquals("postgresql-db.internal-5432-orders", Names.of(Dependency.jdbc("jdbc:postgresql://db.internal:5432/orders")));
        assertEquals("h2-mem-demo", Names.of(Dependency.jdbc("jdbc:h2:mem:demo")));
        assertEquals("dependency", Names.sanitize("::"));
    }

    @Test
    void aTakenNameGetsANumber() {
        Set<String> taken = new HashSet<>();
        assertEquals("a", Names.unique("a", taken));
        assertEquals("a-2", Names.unique("a", taken));
        assertEquals("a-3", Names.unique("a", taken));
    }
}
