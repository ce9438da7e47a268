package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the errors say, and in which order: the mistake the user made, where it is. */
class ErrorMessagesTest {
    static List<String> errors(String yaml) {
        return PolicyFileParser.parse("p.yaml", yaml).errors().stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Test
    void aFilesErrorsAreSortedByLineThenColumn() {
        assertEquals(List.of(
                "p.yaml:3:32: policies[a].match[0].method: constructors and initialisers are never woven"
                        + " (expected a method name pattern such as charge*)",
                "p.yaml:4:27: policies[a].retry.maxAttempts: expected an integer from 1 to 1000, got 0",
                "p.yaml:5:15: policies[a].bulkhead.maxConcurrent: missing (expected the number of calls allowed at once, such as 10)",
                "p.yaml:6:18: settings.log: expected one of off, error, warn, info, debug, got 'loud'",
                "p.yaml:7:10: version: must be 1 (the only version of the policy file format), got '2'"),
                errors(String.join("\n",
                        "policies:",
                        "  - name: a",
                        "    match: [{class: A, method: \"<init>\"}]",
                        "    retry: { maxAttempts: 0 }",
                        "    bulkhead: { maxWait: 1s }",
                        "settings: { log: loud }",
                        "version: 2",
                        "")));
    }
}
