package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An error is one line of text whatever the file holds: what the file says is escaped, never echoed raw. */
class ProblemTextTest {
    static List<String> errors(String yaml) {
        return PolicyFileParser.parse("p.yaml", yaml).errors().stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Test
    void aQuotedKeyWithANewlineAndAnEscapeSequenceIsEscaped() {
        assertEquals(List.of("p.yaml:4:5: policies[a].retry\\n[tenacious] reloaded p.yaml: nothing changed\\u001b[2K: unknown key"
                        + " (expected one of name, mode, match, retry, circuitBreaker, bulkhead, fallback, chaos, http, jdbc)"),
                errors("policies:\n  - name: a\n    match: [{class: A}]\n"
                        + "    \"retry\\n[tenacious] reloaded p.yaml: nothing changed\\e[2K\": 1\n"));
    }

    @Test
    void aValueWithControlAndBidiCharactersIsEscaped() {
        assertEquals(List.of("p.yaml:1:18: settings.log: expected one of off, error, warn, info, debug,"
                        + " got 'info\\r\\t\\u202e\\u0000\\u2028'"),
                errors("settings: { log: \"info\\r\\t\\u202e\\0\\L\" }\npolicies: []\n"));
    }

    @Test
    void aFileNameWithANewlineIsEscaped() {
        assertEquals("a\\nb.yaml:1:1: k: message", new Problem("a\nb.yaml", 1, 1, "k", "message").toString());
    }

    @Test
    void namesThatReachTheLogCannotHoldControlCharacters() {
        // Java counts these as identifier characters (ignorable ones), so a pattern could carry them into
        // the log lines that name patterns and types
        assertEquals(List.of(
                        "p.yaml:3:21: policies[a].match[0].class: 'com.acme.\\u001bA' is not a valid pattern"
                                + " (expected a binary class name pattern such as com.acme.PaymentClient or com.acme.**.*Client)",
                        "p.yaml:4:24: policies[a].retry.retryOn[0]: 'java.io.IO\\u200eException' is not a fully qualified"
                                + " class name (expected one such as java.io.IOException)"),
                errors("policies:\n  - name: a\n    match: [{class: \"com.acme.\\eA\"}]\n"
                        + "    retry: { retryOn: [\"java.io.IO\\u200eException\"] }\n"));
    }
}
