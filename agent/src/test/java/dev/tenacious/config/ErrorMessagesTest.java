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

    static final String POLICY = "policies:\n  - name: a\n    match: [{class: A}]\n";

    @Test
    void aNegativeDurationSaysADurationCannotBeNegative() {
        assertEquals(List.of("p.yaml:4:32: policies[a].circuitBreaker.openFor: a duration cannot be negative, got '-5s'"),
                errors(POLICY + "    circuitBreaker: { openFor: -5s }\n"));
        assertEquals(List.of("p.yaml:4:26: policies[a].bulkhead.maxWait: a duration cannot be negative, got '-1.5 s'"),
                errors(POLICY + "    bulkhead: { maxWait: \"-1.5 s\", maxConcurrent: 2 }\n"));
    }

    @Test
    void aRateWrittenAsAPercentageWithoutItsSignSuggestsTheSign() {
        assertEquals(List.of("p.yaml:4:36: policies[a].circuitBreaker.failureRate: expected a rate from 0% to 100%, got 50"
                        + " (did you mean 50%?)"),
                errors(POLICY + "    circuitBreaker: { failureRate: 50 }\n"));
        assertEquals(List.of("p.yaml:4:20: policies[a].chaos.rate: expected a rate from 0% to 100%, got 12.5"
                        + " (did you mean 12.5%?)"),
                errors(POLICY + "    chaos: { rate: 12.5, delay: 1ms }\n"));
    }

    @Test
    void aMisspeltFallbackReturnGetsADidYouMean() {
        assertEquals(List.of("p.yaml:4:25: policies[a].fallback.return: expected one of empty, got 'emtpy' (did you mean 'empty'?)"),
                errors(POLICY + "    fallback: { return: emtpy }\n"));
        assertEquals(List.of("p.yaml:4:25: policies[a].fallback.return: expected one of empty, got 'Empty' (did you mean 'empty'?)"),
                errors(POLICY + "    fallback: { return: Empty }\n"));
    }

    @Test
    void aFailureOfTheYamlReaderItselfIsAPositionedError() {
        // SnakeYAML throws a NumberFormatException for a \x escape at the end of the file
        assertEquals(List.of("p.yaml:1:7: not valid YAML: the YAML reader stopped here"
                + " (java.lang.NumberFormatException: For input string: \"\" under radix 16)"), errors("a: \"\\x"));
    }
}
