package dev.tenacious.config;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.Jitter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFileParserTest {
    static ParseResult parse(String yaml) {
        return PolicyFileParser.parse("p.yaml", yaml);
    }

    static Problem onlyError(ParseResult r) {
        assertEquals(1, r.errors().size(), () -> "errors: " + r.errors());
        return r.errors().get(0);
    }

    static final String MINIMAL = "version: 1\npolicies:\n  - name: a\n    match:\n      - class: com.acme.A\n";

    @Test
    void aMinimalPolicyGetsTheBuiltInDefaults() {
        ParseResult r = parse(MINIMAL);
        assertTrue(r.isValid(), () -> r.errors().toString());
        PolicyConfig p = r.file().policies().get(0);
        assertEquals("a", p.name());
        assertFalse(p.observe());
        assertEquals(3, p.retry().maxAttempts());
        assertEquals(BackoffType.EXPONENTIAL, p.retry().backoff().type());
        assertEquals(100_000_000L, p.retry().backoff().initialNanos());
        assertEquals(2.0, p.retry().backoff().multiplier());
        assertEquals(10_000_000_000L, p.retry().backoff().maxNanos());
        assertEquals(Jitter.FULL, p.retry().backoff().jitter());
        assertTrue(p.retry().budget().enabled());
        assertEquals(0.2, p.retry().budget().ratio());
        assertEquals(10, p.retry().budget().minPerSecond());
        assertTrue(p.retry().retryOn().contains("java.sql.SQLTransientException"));
        assertTrue(p.retry().abortOn().contains("java.net.UnknownHostException"));
        assertEquals(Log.Level.INFO, r.file().settings().log());
        assertTrue(r.file().settings().reload());
    }

    @Test
    void theContractExampleParsesWithoutWarnings() {
        String yaml = String.join("\n",
                "version: 1",
                "settings:",
                "  reload: true",
                "  log: off",
                "  summaryEvery: 60s",
                "  dryRun: false",
                "  chaos: false",
                "  metrics:",
                "    jmx: true",
                "    prometheus:",
                "      port: 9464",
                "defaults:",
                "  retry:",
                "    maxAttempts: 3",
                "    backoff: { type: exponential, initial: 100ms, multiplier: 2.0, max: 10s, jitter: full }",
                "policies:",
                "  - name: payments-api",
                "    mode: enforce",
                "    match:",
                "      - class: com.acme.payments.PaymentClient",
                "        method: \"charge*\"",
                "        params: [java.lang.String, int]",
                "      - class: \"com.acme.**.*Gateway\"",
                "        subtypes: true",
                "        method: \"get*\"",
                "        exclude: [\"getConfig\"]",
                "      - preset: jdk-http",
                "    retry:",
                "      maxAttempts: 5",
                "      maxDuration: 30s",
                "      backoff:",
                "        type: exponential",
                "        initial: 200ms",
                "        multiplier: 2.0",
                "        max: 5s",
                "        jitter: decorrelated",
                "      retryOn: [java.io.IOException, java.util.concurrent.TimeoutException]",
                "      abortOn: [java.net.UnknownHostException]",
                "      causes: true",
                "      budget:",
                "        ratio: 0.2",
                "        minPerSecond: 10",
                "      adaptive: true",
                "    circuitBreaker:",
                "      scope: policy",
                "      window: { type: count, size: 20 }",
                "    bulkhead: { maxConcurrent: 10, maxWait: 0ms }",
                "    fallback: { return: empty }",
                "    chaos:",
                "      rate: 10%",
                "      throw: java.net.SocketTimeoutException",
                "      delay: 200ms",
                "");
        ParseResult r = parse(yaml);
        assertTrue(r.isValid(), () -> r.errors().toString());
        PolicyConfig p = r.file().policies().get(0);
        assertEquals(5, p.retry().maxAttempts());
        assertEquals(30_000_000_000L, p.retry().maxDurationNanos());
        assertEquals(Jitter.DECORRELATED, p.retry().backoff().jitter());
        assertEquals(200_000_000L, p.retry().backoff().initialNanos());
        assertEquals(List.of("java.io.IOException", "java.util.concurrent.TimeoutException"), p.retry().retryOn());
        assertEquals(3, p.rules().size(), "two class rules and the jdk-http preset's rule");
        assertEquals("jdk-http", p.rules().get(2).preset());
        assertEquals(Log.Level.OFF, r.file().settings().log());
        assertEquals(9464, r.file().settings().prometheusPort());
        assertEquals(List.of(), r.warnings(), "every key of the contract's example is supported");
        assertEquals("java.net.SocketTimeoutException", p.chaos().throwType());
        assertEquals(200_000_000L, p.chaos().delayNanos());
        assertEquals(0.1, p.chaos().rate(), 1e-9);
        assertTrue(p.retry().adaptive());
        CircuitBreakerConfig b = p.circuitBreaker();
        assertEquals(CircuitBreakerConfig.Scope.POLICY, b.scope());
        assertFalse(b.timeWindow());
        assertEquals(20, b.windowSize());
        assertEquals(10, b.minimumCalls(), "default, at most the window size");
        assertEquals(0.5, b.failureRate());
        assertEquals(30_000_000_000L, b.openForNanos());
        assertEquals(3, b.halfOpenCalls());
        assertEquals(10, p.bulkhead().maxConcurrent());
        assertEquals(0, p.bulkhead().maxWaitNanos());
        assertEquals(null, p.fallback().throwType(), "return: empty");
    }

    @Test
    void defaultsAreMergedKeyByKeyUnderEachPolicy() {
        ParseResult r = parse(String.join("\n",
                "defaults:",
                "  mode: observe",
                "  retry:",
                "    maxAttempts: 7",
                "    backoff: { initial: 50ms, max: 1s, jitter: equal }",
                "    budget: off",
                "policies:",
                "  - name: a",
                "    match: [{class: A}]",
                "    retry:",
                "      backoff: { type: linear }",
                "  - name: b",
                "    mode: enforce",
                "    match: [{class: B}]",
                "    retry: { maxAttempts: 2, backoff: { initial: 10ms } }",
                ""));
        assertTrue(r.isValid(), () -> r.errors().toString());
        PolicyConfig a = r.file().policies().get(0);
        assertTrue(a.observe());
        assertEquals(7, a.retry().maxAttempts());
        assertEquals(BackoffType.LINEAR, a.retry().backoff().type());
        assertEquals(50_000_000L, a.retry().backoff().initialNanos());
        assertEquals(Jitter.EQUAL, a.retry().backoff().jitter());
        assertFalse(a.retry().budget().enabled());
        PolicyConfig b = r.file().policies().get(1);
        assertFalse(b.observe());
        assertEquals(2, b.retry().maxAttempts());
        assertEquals(10_000_000L, b.retry().backoff().initialNanos());
        assertEquals(1_000_000_000L, b.retry().backoff().maxNanos());
    }

    @Test
    void dryRunMakesEveryPolicyObserveOnly() {
        ParseResult r = parse("settings: { dryRun: true }\n" + MINIMAL.substring("version: 1\n".length()));
        PolicyConfig written = r.file().policies().get(0);
        assertFalse(written.observe(), "the policy keeps its own mode; the setting applies in force");
        assertTrue(r.file().settings().dryRun());
        assertFalse(dev.tenacious.runtime.Policy.of(written, new dev.tenacious.runtime.decision.PolicyStates().forName("a"),
                true, false).enforcing());
    }

    @Test
    void budgetCanBeTurnedOffWithFalseOrOff() {
        for (String off : List.of("off", "false")) {
            ParseResult r = parse(MINIMAL + "    retry: { budget: " + off + " }\n");
            assertTrue(r.isValid(), () -> r.errors().toString());
            assertFalse(r.file().policies().get(0).retry().budget().enabled());
        }
        ParseResult pct = parse(MINIMAL + "    retry: { budget: { ratio: 50% } }\n");
        BudgetConfig b = pct.file().policies().get(0).retry().budget();
        assertEquals(0.5, b.ratio());
        assertEquals(10, b.minPerSecond());
    }

    @Test
    void anUnknownKeyIsAnErrorWithDidYouMean() {
        Problem p = onlyError(parse(MINIMAL + "    retry:\n      maxAttempt: 5\n"));
        assertEquals(7, p.line());
        assertEquals(7, p.column());
        assertEquals("policies[a].retry.maxAttempt", p.key());
        assertTrue(p.message().contains("did you mean 'maxAttempts'"), p.message());
        assertTrue(p.toString().startsWith("p.yaml:7:7: policies[a].retry.maxAttempt: unknown key"), p.toString());
    }

    @Test
    void aDurationWithoutAUnitNamesWhatWasExpected() {
        Problem p = onlyError(parse(MINIMAL + "    retry:\n      backoff: { initial: 200 }\n"));
        assertEquals(7, p.line());
        assertEquals(27, p.column());
        assertTrue(p.message().contains("expected a duration with a unit, such as 200ms"), p.message());
    }

    @Test
    void durationsTakeDecimalsAndSpacesBeforeTheUnit() {
        String[][] cases = {{"200ms", "200000000"}, {"1.5s", "1500000000"}, {"2 m", "120000000000"}, {"1h", "3600000000000"},
                {"0.25 s", "250000000"}};
        for (String[] c : cases) {
            ParseResult r = parse(MINIMAL + "    retry:\n      backoff: { initial: \"" + c[0] + "\" }\n");
            assertTrue(r.isValid(), () -> c[0] + ": " + r.errors());
            assertEquals(Long.parseLong(c[1]), r.file().policies().get(0).retry().backoff().initialNanos(), c[0]);
        }
        for (String bad : new String[] {"1.s", ".5s", "5 sec", "5S", "1e3ms", "s"}) {
            ParseResult r = parse(MINIMAL + "    retry:\n      backoff: { initial: \"" + bad + "\" }\n");
            assertTrue(onlyError(r).message().contains("expected a duration with a unit"), bad);
        }
    }

    @Test
    void namesAndPatternsAreCheckedCharacterByCharacter() {
        assertTrue(Names.matches(Names.CLASS_PATTERN, "com.acme.**.*Client$Inner"));
        assertTrue(Names.matches(Names.CLASS_PATTERN, "com.acme.Ünïcode_ß"));
        assertFalse(Names.matches(Names.CLASS_PATTERN, "com/acme/A"));
        assertFalse(Names.matches(Names.CLASS_PATTERN, ""));
        assertTrue(Names.matches(Names.METHOD_PATTERN, "get*"));
        assertFalse(Names.matches(Names.METHOD_PATTERN, "a.b"));
        assertTrue(Names.matches(Names.TYPE_PATTERN, "java.lang.String[][]"));
        assertTrue(Names.matches(Names.TYPE_PATTERN, "int"));
        assertFalse(Names.matches(Names.TYPE_PATTERN, "[]"));
        assertFalse(Names.matches(Names.TYPE_PATTERN, "int[]x"));
        assertTrue(Names.matches(Names.TYPE_NAME, "java.io.IOException"));
        assertFalse(Names.matches(Names.TYPE_NAME, "java.io.*"));
        assertTrue(Names.matches(Names.POLICY, "payments-api_v2.1"));
        assertFalse(Names.matches(Names.POLICY, "payments api"));
        assertTrue(Names.matches(Names.HOST_PATTERN, "[::1]:8080"));
        assertFalse(Names.matches(Names.HOST_PATTERN, "host/path"));
    }

    @Test
    void wrongTypesAndRangesAreReported() {
        ParseResult r = parse(MINIMAL + "    retry:\n      maxAttempts: 0\n      causes: maybe\n"
                + "      backoff: { multiplier: 0.5, type: exponentiel, jitter: [full] }\n");
        List<String> messages = r.errors().stream().map(Problem::toString).collect(Collectors.toList());
        String all = messages.toString();
        assertEquals(5, messages.size(), all);
        assertTrue(all.contains("p.yaml:7:20: policies[a].retry.maxAttempts: expected an integer from 1 to 1000, got 0"), all);
        assertTrue(all.contains("causes: expected true or false, got 'maybe'"), all);
        assertTrue(all.contains("multiplier: expected a number from 1.0"), all);
        assertTrue(all.contains("got 'exponentiel' (did you mean 'exponential'?)"), all);
        assertTrue(all.contains("jitter: expected one of none, full, equal, decorrelated, got a list"), all);
    }

    @Test
    void allErrorsInAFileAreReportedAtOnce() {
        ParseResult r = parse(String.join("\n",
                "version: 2",
                "setings: {}",
                "policies:",
                "  - name: a",
                "    match: [{class: A}]",
                "  - name: a",
                "    match: [{class: B}]",
                "  - match: [{class: C, method: \"<init>\"}]",
                "  - name: bad name",
                "    match: []",
                ""));
        assertFalse(r.isValid());
        assertNull(r.file());
        String all = r.errors().toString();
        assertTrue(all.contains("p.yaml:1:10: version: must be 1 (the only version of the policy file format), got '2'"), all);
        assertTrue(all.contains("p.yaml:2:1: setings: unknown key (did you mean 'settings'?)"), all);
        assertTrue(all.contains("p.yaml:6:11: policies[1].name: duplicate policy name 'a' (first used at line 4)"), all);
        assertTrue(all.contains("policies[2].name: missing"), all);
        assertTrue(all.contains("constructors and initialisers are never woven"), all);
        assertTrue(all.contains("'bad name' is not a valid name"), all);
        assertTrue(all.contains("match: empty"), all);
        assertEquals(7, r.errors().size(), all);
    }

    @Test
    void duplicateKeysAreErrors() {
        Problem p = onlyError(parse(MINIMAL + "    retry: { maxAttempts: 2, maxAttempts: 3 }\n"));
        assertTrue(p.message().contains("duplicate key (first given at line 6)"), p.message());
    }

    @Test
    void invalidYamlReportsLineAndColumn() {
        Problem p = onlyError(parse("policies:\n  - name: a\n    match: [{class: A}\n  - name: b\n"));
        assertTrue(p.message().startsWith("not valid YAML"), p.message());
        assertTrue(p.line() >= 3, p.toString());
    }

    @Test
    void yamlTagsAreRefused() {
        Problem p = onlyError(parse("policies: !!javax.script.ScriptEngineManager [x]\n"));
        assertTrue(p.message().toLowerCase().contains("tag"), p.message());
        Problem custom = onlyError(parse(MINIMAL + "    retry: !custom { maxAttempts: 2 }\n"));
        assertEquals(6, custom.line());
    }

    @Test
    void initialGreaterThanMaxIsAnError() {
        Problem p = onlyError(parse(MINIMAL + "    retry:\n      backoff: { initial: 2s, max: 1s }\n"));
        assertTrue(p.message().contains("initial (2s) is greater than max (1s)"), p.message());
        assertEquals(7, p.line());
    }

    @Test
    void matchEntriesAreValidated() {
        ParseResult r = parse(String.join("\n",
                "policies:",
                "  - name: a",
                "    match:",
                "      - method: get",
                "      - class: com/acme/A",
                "      - class: A",
                "        params: [\"..\", int]",
                "      - preset: jdbcc",
                "      - preset: jdbc",
                "        class: A",
                ""));
        String all = r.errors().toString();
        assertTrue(all.contains("match[0].class: missing"), all);
        assertTrue(all.contains("'com/acme/A' is not a valid pattern"), all);
        assertTrue(all.contains("'..' must be the last parameter"), all);
        assertTrue(all.contains("did you mean 'jdbc'"), all);
        assertTrue(all.contains("give either preset or class/method"), all);
        assertEquals(5, r.errors().size(), all);
    }

    @Test
    void exceptionNamesMustBeQualified() {
        Problem p = onlyError(parse(MINIMAL + "    retry: { retryOn: [IOException] }\n"));
        assertTrue(p.message().contains("'IOException' is not a fully qualified class name"), p.message());
    }

    @Test
    void anEmptyFileIsAnError() {
        assertTrue(onlyError(parse("")).message().contains("empty"));
        assertTrue(onlyError(parse("version: 1\n")).message().contains("policies"));
    }

    @Test
    void ratesAcceptPercentAndFractions() {
        assertEquals(0.25, parse(MINIMAL + "    retry: { budget: { ratio: 25% } }\n").file().policies().get(0).retry().budget().ratio());
        assertEquals(0.25, parse(MINIMAL + "    retry: { budget: { ratio: 0.25 } }\n").file().policies().get(0).retry().budget().ratio());
        assertFalse(parse(MINIMAL + "    retry: { budget: { ratio: lots } }\n").isValid());
    }

    @Test
    void aFullCircuitBreakerBlockParses() {
        ParseResult r = parse(MINIMAL + String.join("\n",
                "    circuitBreaker:",
                "      scope: method",
                "      window: { type: time, size: 60s }",
                "      minimumCalls: 5",
                "      failureRate: 25%",
                "      slowCall: { over: 2s, rate: 80% }",
                "      openFor: 10s",
                "      halfOpenCalls: 2",
                "    bulkhead: { maxConcurrent: 4, maxWait: 50ms }",
                "    fallback: { throw: com.acme.PaymentUnavailable }",
                ""));
        assertTrue(r.isValid(), () -> r.errors().toString());
        PolicyConfig p = r.file().policies().get(0);
        CircuitBreakerConfig b = p.circuitBreaker();
        assertEquals(CircuitBreakerConfig.Scope.METHOD, b.scope());
        assertTrue(b.timeWindow());
        assertEquals(60, b.windowSize());
        assertEquals(5, b.minimumCalls());
        assertEquals(0.25, b.failureRate());
        assertEquals(2_000_000_000L, b.slowOverNanos());
        assertEquals(0.8, b.slowRate());
        assertEquals(10_000_000_000L, b.openForNanos());
        assertEquals(2, b.halfOpenCalls());
        assertEquals(50_000_000L, p.bulkhead().maxWaitNanos());
        assertEquals("com.acme.PaymentUnavailable", p.fallback().throwType());
    }

    @Test
    void breakerBulkheadAndFallbackErrorsArePositioned() {
        ParseResult r = parse(MINIMAL + String.join("\n",
                "    circuitBreaker:",
                "      window: { type: count, size: 5 }",
                "      minimumCalls: 8",
                "      failureRate: 0%",
                "      slowCall: { rate: 50% }",
                "    bulkhead: { maxWait: 1s }",
                "    fallback: { return: nothing }",
                ""));
        String all = r.errors().toString();
        assertTrue(all.contains("p.yaml:9:20: policies[a].circuitBreaker.failureRate: expected a rate above 0%"), all);
        assertTrue(all.contains("circuitBreaker.slowCall.over: missing"), all);
        assertTrue(all.contains("bulkhead.maxConcurrent: missing"), all);
        assertTrue(all.contains("fallback.return: expected one of empty, got 'nothing'"), all);
        assertEquals(4, r.errors().size(), all);
        Problem tooFew = onlyError(parse(MINIMAL + "    circuitBreaker: { window: { size: 5 }, minimumCalls: 8 }\n"));
        assertTrue(tooFew.message().contains("minimumCalls (8) is larger than the count window (5)"), tooFew.message());
        Problem both = onlyError(parse(MINIMAL + "    fallback: { return: empty, throw: com.acme.X }\n"));
        assertTrue(both.message().contains("exactly one of"), both.message());
    }

    @Test
    void defaultsCarryABreakerToEveryPolicyKeyByKey() {
        ParseResult r = parse("defaults:\n  circuitBreaker: { openFor: 5s, halfOpenCalls: 1 }\n"
                + MINIMAL.substring("version: 1\n".length()) + "    circuitBreaker: { failureRate: 80% }\n");
        assertTrue(r.isValid(), () -> r.errors().toString());
        CircuitBreakerConfig b = r.file().policies().get(0).circuitBreaker();
        assertEquals(5_000_000_000L, b.openForNanos());
        assertEquals(1, b.halfOpenCalls());
        assertEquals(0.8, b.failureRate());
    }

    @Test
    void summaryEveryAcceptsZero() {
        ParseResult r = parse("settings: { summaryEvery: 0 }\n" + MINIMAL.substring("version: 1\n".length()));
        assertTrue(r.isValid(), () -> r.errors().toString());
        assertEquals(0, r.file().settings().summaryEveryNanos());
    }

    static final String PRESET = "version: 1\npolicies:\n  - name: a\n    match:\n      - preset: jdk-http\n";

    @Test
    void presetsBecomeRulesAndTheHttpBlockParses() {
        ParseResult r = parse(PRESET + String.join("\n",
                "    http:",
                "      hosts: [\"*.vendor.com\", api.example.org]",
                "      statuses: [429, 503]",
                "      retryNonIdempotent: true",
                "      timeouts: { connect: 2s, request: 10s }",
                "    circuitBreaker: { scope: host }",
                ""));
        assertTrue(r.isValid(), () -> r.errors().toString());
        assertEquals(List.of(), r.warnings());
        PolicyConfig p = r.file().policies().get(0);
        assertEquals("jdk-http", p.rules().get(0).preset());
        HttpConfig http = p.http();
        assertTrue(http.appliesTo("pay.vendor.com"));
        assertFalse(http.appliesTo("vendor.com"));
        assertTrue(http.appliesTo("api.example.org"));
        assertFalse(http.appliesTo("internal.acme"));
        assertTrue(http.retries(429) && http.retries(503));
        assertFalse(http.retries(502), "statuses replaces the default list");
        assertTrue(http.retryNonIdempotent());
        assertEquals(2_000_000_000L, http.connectTimeoutNanos());
        assertEquals(10_000_000_000L, http.requestTimeoutNanos());
        assertEquals(CircuitBreakerConfig.Scope.HOST, p.circuitBreaker().scope());
        ParseResult jdbc = parse(PRESET.replace("jdk-http", "jdbc"));
        assertEquals(3, jdbc.file().policies().get(0).rules().size(), "statements, data sources, drivers");
    }

    @Test
    void theHttpBlockDefaultsToTheContractsStatuses() {
        HttpConfig http = HttpConfig.DEFAULT;
        for (int status : new int[] {429, 502, 503, 504}) {
            assertTrue(http.retries(status), "default status " + status);
        }
        assertFalse(http.retries(500));
        assertTrue(http.appliesTo("anything.example"), "no hosts: every host");
        assertFalse(http.retryNonIdempotent());
    }

    @Test
    void httpErrorsArePositionedAndKeysOnlyPresetsReadAreWarnedAbout() {
        ParseResult r = parse(PRESET + String.join("\n",
                "    http:",
                "      hosts: [\"bad host/\"]",
                "      statuses: [42]",
                "      timeouts: { connect: 2 }",
                "      retryNonIdempotant: true",
                ""));
        String all = r.errors().toString();
        assertTrue(all.contains("p.yaml:7:15: policies[a].http.hosts[0]: 'bad host/' is not a host pattern"), all);
        assertTrue(all.contains("policies[a].http.statuses[0]"), all);
        assertTrue(all.contains("policies[a].http.timeouts.connect"), all);
        assertTrue(all.contains("did you mean 'retryNonIdempotent'"), all);
        assertEquals(4, r.errors().size(), all);
        ParseResult appOnly = parse(MINIMAL + "    http: { statuses: [503] }\n    circuitBreaker: { scope: host }\n");
        assertTrue(appOnly.isValid(), () -> appOnly.errors().toString());
        String warnings = appOnly.warnings().toString();
        assertFalse(warnings.contains("http is read"), "an application method's requests read it: " + warnings);
        assertTrue(warnings.contains("scope host needs an HTTP preset"), warnings);
        ParseResult jdbcOnly = parse(PRESET.replace("jdk-http", "jdbc") + "    http: { statuses: [503] }\n");
        String jdbcWarnings = jdbcOnly.warnings().toString();
        assertTrue(jdbcWarnings.contains("http is read by the HTTP presets (jdk-http, apache-http5, apache-http4, okhttp)"),
                jdbcWarnings);
        Problem unknown = onlyError(parse(PRESET.replace("jdk-http", "okhttp2")));
        assertTrue(unknown.message().contains("jdk-http, apache-http5, apache-http4, okhttp, jdbc"), unknown.message());
    }
}
