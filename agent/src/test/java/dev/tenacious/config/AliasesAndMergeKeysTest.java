package dev.tenacious.config;

import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anchors, aliases and merge keys: ordinary reuse is accepted, the work is bounded by the values a
 * file holds once its aliases are expanded, and a value that contains itself is an error.
 */
class AliasesAndMergeKeysTest {
    static ParseResult parse(String yaml) {
        return PolicyFileParser.parse("p.yaml", yaml);
    }

    static List<String> errors(String yaml) {
        return parse(yaml).errors().stream().map(Problem::toString).collect(Collectors.toList());
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aListThatContainsItselfIsAPositionedError() {
        assertEquals(List.of("p.yaml:1:15: policies[0]: the alias *a is used inside the value it names"
                + " (&a at line 1, column 11), which would then contain itself"), errors("policies: &a [*a]"));
    }

    @Test
    void aMapThatContainsItselfDeepDownIsAPositionedError() {
        assertEquals(List.of("p.yaml:4:30: policies[0].retry.backoff.max: the alias *p is used inside the value it names"
                        + " (&p at line 2, column 5), which would then contain itself"),
                errors(lines(
                        "policies:",
                        "  - &p",
                        "    name: a",
                        "    retry: { backoff: { max: *p } }")));
    }

    @Test
    void aMergeKeyThatMergesItsOwnMapIsAPositionedError() {
        assertEquals(List.of("p.yaml:1:20: policies.<<: the alias *m is used inside the value it names"
                + " (&m at line 1, column 11), which would then contain itself"), errors("policies: &m { <<: *m }"));
    }

    @Test
    void oneAnchorMayBeUsedManyTimes() {
        StringBuilder b = new StringBuilder("policies:\n");
        for (int i = 0; i < 25; i++) {
            b.append("  - name: p").append(i).append("\n    match: [{class: com.acme.C").append(i).append("}]\n");
            b.append(i == 0 ? "    retry: &r { maxAttempts: 5, backoff: { initial: 10ms } }\n" : "    retry: *r\n");
        }
        ParseResult r = parse(b.toString());
        assertTrue(r.isValid(), () -> r.errors().toString());
        assertEquals(Collections.nCopies(25, 5),
                r.file().policies().stream().map(p -> p.retry().maxAttempts()).collect(Collectors.toList()));
    }

    @Test
    void aliasesExpandingPastTheLimitArePositionedAtTheAliasThatPassedIt() {
        StringBuilder b = new StringBuilder("a: &a [x");
        b.append(", x".repeat(9_999)).append("]\npolicies: [*a");
        b.append(", *a".repeat(19)).append("]\n");
        assertEquals(List.of("p.yaml:2:44: policies[8]: more than 100000 values once aliases are expanded"
                + " (an alias counts every value it names, each time it is used)"), errors(b.toString()));
    }

    @Test
    void aFileOfMoreThanTheLimitOfValuesIsRefusedWhileItIsRead() {
        String yaml = "policies: [x" + ", x".repeat(100_000) + "]\n";
        assertEquals(List.of("p.yaml:1:300003: more than 100000 values once aliases are expanded"
                + " (an alias counts every value it names, each time it is used)"), errors(yaml));
    }

    @Test
    void aMergeKeyCopiesTheKeysThatTheMapDoesNotWrite() {
        ParseResult r = parse(lines(
                "policies:",
                "  - &base",
                "    name: a",
                "    match: [{class: com.acme.A}]",
                "    retry: { maxAttempts: 5 }",
                "  - <<: *base",
                "    name: b"));
        assertTrue(r.isValid(), () -> r.errors().toString());
        PolicyConfig b = r.file().policies().get(1);
        assertEquals("b", b.name());
        assertEquals(5, b.retry().maxAttempts());
        assertEquals("com.acme.A", b.rules().get(0).classPattern().pattern());
    }

    @Test
    void withAListOfMapsToMergeTheMapsOwnKeysWinThenEarlierMaps() {
        ParseResult r = parse(lines(
                "policies:",
                "  - name: a",
                "    match: [{class: A}]",
                "    retry: &fast { maxAttempts: 2, backoff: { initial: 10ms, max: 100ms } }",
                "  - name: b",
                "    match: [{class: B}]",
                "    retry:",
                "      <<: [*fast, { maxAttempts: 9, maxDuration: 3s, causes: true }]",
                "      causes: false"));
        assertTrue(r.isValid(), () -> r.errors().toString());
        RetryConfig b = r.file().policies().get(1).retry();
        assertEquals(2, b.maxAttempts(), "the earlier merged map wins");
        assertEquals(3_000_000_000L, b.maxDurationNanos(), "keys only the later map gives are merged too");
        assertEquals(false, b.causes(), "the map's own key wins");
        assertEquals(10_000_000L, b.backoff().initialNanos());
    }

    @Test
    void mergedKeysAreCheckedLikeWrittenOnesWhereTheyAreWritten() {
        assertEquals(List.of(
                        "p.yaml:4:30: policies[a].retry.maxAttempts: expected an integer from 1 to 1000, got 0",
                        "p.yaml:4:30: policies[b].retry.maxAttempts: expected an integer from 1 to 1000, got 0",
                        "p.yaml:4:33: policies[a].retry.backof: unknown key (did you mean 'backoff'?)"
                                + " (expected one of maxAttempts, maxDuration, backoff, retryOn, abortOn, causes, budget, adaptive)",
                        "p.yaml:4:33: policies[b].retry.backof: unknown key (did you mean 'backoff'?)"
                                + " (expected one of maxAttempts, maxDuration, backoff, retryOn, abortOn, causes, budget, adaptive)"),
                errors(lines(
                        "policies:",
                        "  - name: a",
                        "    match: [{class: A}]",
                        "    retry: &r { maxAttempts: 0, backof: {} }",
                        "  - name: b",
                        "    match: [{class: B}]",
                        "    retry: { <<: *r }")));
    }

    @Test
    void aMergeKeyNeedsAMapOrAListOfMaps() {
        assertEquals(List.of(
                        "p.yaml:4:18: policies[0].retry.<<: expected a map, or a list of maps, to merge (such as <<: *defaults), got '5'",
                        "p.yaml:5:26: policies[0].bulkhead.<<[1]: expected a map to merge, got a list"),
                errors(lines(
                        "policies:",
                        "  - name: a",
                        "    match: [{class: A}]",
                        "    retry: { <<: 5 }",
                        "    bulkhead: { <<: [{}, [x]] }")));
    }

    @Test
    void aMergeKeyIsNotReportedAsATag() {
        ParseResult r = parse(lines(
                "policies:",
                "  - name: a",
                "    match: &m [{class: A}]",
                "    retry: { <<: { maxAttempts: 2 } }"));
        assertTrue(r.isValid(), () -> r.errors().toString());
    }

    @Test
    void tagsAreRefusedWithTheKeyTheyAreAt() {
        assertEquals(List.of("p.yaml:3:12: policies[0].retry: YAML tags such as '!custom' are not allowed"
                        + " (expected plain values, lists and maps)"),
                errors(lines(
                        "policies:",
                        "  - name: a",
                        "    retry: !custom { maxAttempts: 2 }")));
    }
}
