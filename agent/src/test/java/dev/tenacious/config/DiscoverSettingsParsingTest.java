package dev.tenacious.config;

import dev.tenacious.discover.DiscoverArgument;
import dev.tenacious.discover.DiscoverSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code settings.discover} and the agent argument {@code discover[=PATH]}. */
class DiscoverSettingsParsingTest {
    static final String POLICIES = SettingsParsingTest.POLICIES;

    static DiscoverSettings discover(String settings) {
        ParseResult r = PolicyFileParser.parse("p.yaml", settings + POLICIES);
        assertTrue(r.isValid(), () -> r.errors().toString());
        return r.file().settings().discover();
    }

    @Test
    void offUnlessGiven() {
        assertNull(discover(""));
        assertNull(discover("settings: { discover: false }\n"));
    }

    @Test
    void trueTakesTheDefaults() {
        DiscoverSettings d = discover("settings: { discover: true }\n");
        assertEquals("tenacious-discovered.yaml", d.out());
        assertEquals(60_000_000_000L, d.everyNanos());
        assertEquals(List.of(), d.skip());
    }

    @Test
    void aMapGivesOutEveryAndSkip() {
        DiscoverSettings d = discover("settings:\n  discover: { out: /tmp/found.yaml, every: 30s, skip: [com.acme.common, com.acme.util.Http] }\n");
        assertEquals("/tmp/found.yaml", d.out());
        assertEquals(30_000_000_000L, d.everyNanos());
        assertEquals(List.of("com.acme.common", "com.acme.util.Http"), d.skip());
        assertEquals(0, discover("settings: { discover: { every: 0 } }\n").everyNanos(), "0: at exit only");
    }

    @Test
    void everyWrongValueIsAPositionedError() {
        assertEquals(List.of(
                "p.yaml:2:22: settings.discover.every: expected a duration with a unit, such as 200ms, 2s, 1m (or 0), got '60'",
                "p.yaml:2:33: settings.discover.skip[0]: 'com..acme' is not a package or class name prefix (expected one such as com.acme.common.http)",
                "p.yaml:2:44: settings.discover.skip[1]: 'a/b' is not a package or class name prefix (expected one such as com.acme.common.http)"),
                SettingsParsingTest.errors("settings:\n  discover: { every: 60, skip: [com..acme, a/b] }\n" + POLICIES));
        assertEquals(List.of("p.yaml:1:25: settings.discover.output: unknown key (expected one of out, every, skip)"),
                SettingsParsingTest.errors("settings: { discover: { output: x.yaml } }\n" + POLICIES));
        assertEquals(List.of("p.yaml:1:23: settings.discover: expected true or false, got 'maybe'"),
                SettingsParsingTest.errors("settings: { discover: maybe }\n" + POLICIES));
        assertEquals(List.of("p.yaml:1:32: settings.discover.every: expected 0 (at exit only) or at least 1s, got '10ms'"),
                SettingsParsingTest.errors("settings: { discover: { every: 10ms } }\n" + POLICIES));
        assertEquals(List.of("p.yaml:1:30: settings.discover.out: expected a non-empty string"),
                SettingsParsingTest.errors("settings: { discover: { out: '' } }\n" + POLICIES));
    }

    @Test
    void theAgentArgumentDiscoverWithOrWithoutAPath() {
        assertEquals("tenacious-discovered.yaml", DiscoverArgument.parse("discover").out());
        assertEquals("/tmp/found.yaml", DiscoverArgument.parse(" discover=/tmp/found.yaml ").out());
        assertEquals("tenacious-discovered.yaml", DiscoverArgument.parse("discover=").out());
        assertNull(DiscoverArgument.parse("policies.yaml"));
        assertNull(DiscoverArgument.parse("discovery.yaml"));
        assertNull(DiscoverArgument.parse(null));
    }
}
