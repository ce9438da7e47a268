package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reload says it changed: every key, in the file's words, settings included. */
class ChangesTest {
    static final String BASE = String.join("\n",
            "settings: { chaos: false }",
            "policies:",
            "  - name: inventory",
            "    match: [{ class: com.acme.InventoryClient, method: fetch }]",
            "    retry: { maxAttempts: 3, retryOn: [java.io.IOException] }",
            "  - name: vendor",
            "    match: [{ preset: jdk-http }]",
            "    http: { statuses: [503] }",
            "    chaos: { rate: 10%, delay: 200ms }",
            "");

    static PolicyFile file(String yaml) {
        ParseResult r = PolicyFileParser.parse("p.yaml", yaml);
        assertTrue(r.isValid(), () -> r.errors().toString());
        return r.file();
    }

    static String changes(String edited) {
        return Changes.between(file(BASE), file(edited));
    }

    @Test
    void anEditOfRetryOnAloneIsNamed() {
        assertEquals("inventory changed [retry.retryOn: [java.io.IOException] -> [java.io.IOException, java.sql.SQLException]]",
                changes(BASE.replace("retryOn: [java.io.IOException]", "retryOn: [java.io.IOException, java.sql.SQLException]")));
    }

    @Test
    void anEditOfHttpStatusesAloneIsNamed() {
        assertEquals("vendor changed [http.statuses: [503] -> [429, 503]]", changes(BASE.replace("statuses: [503]", "statuses: [429, 503]")));
    }

    @Test
    void armingChaosIsASettingsChange() {
        assertEquals("settings changed [chaos: false -> true]", changes(BASE.replace("chaos: false", "chaos: true")));
    }

    @Test
    void aSectionAddedOrRemovedIsNamedOnceAndMatchApart() {
        String breaker = BASE.replace("    retry: { maxAttempts: 3,", "    circuitBreaker: { openFor: 5s }\n    retry: { maxAttempts: 3,");
        assertEquals("inventory changed [circuitBreaker: off -> on]", changes(breaker));
        assertEquals("inventory changed [match]", changes(BASE.replace("method: fetch", "method: get")));
        assertEquals("extra added; inventory removed", changes(BASE.replace("name: inventory", "name: extra")));
        assertEquals("nothing changed", changes(BASE + "# a comment\n"));
    }
}
