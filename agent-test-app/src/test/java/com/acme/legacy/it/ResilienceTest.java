package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Circuit breaker, bulkhead and fallbacks seen from outside: what the server counted, what callers caught. */
class ResilienceTest extends BlackBoxTest {
    static final String OPEN = "CAUGHT dev.tenacious.runtime.CircuitOpenException";

    static String policy(String cls, String method, String body) {
        return "settings: { summaryEvery: 0 }\npolicies:\n  - name: inventory\n    match: [{ class: com.acme.legacy.client."
                + cls + ", method: \"" + method + "\" }]\n" + body;
    }

    static List<String> outcomes(AppJvm.Result r, int calls) {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= calls; i++) {
            all.add(r.call(i));
        }
        return all;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theBreakerOpensFailsFastProbesAndCloses(Jdk jdk) throws Exception {
        server.script("/svc", Script.failTimes(4, 503));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 1 }",
                "    circuitBreaker: { window: { type: count, size: 4 }, minimumCalls: 4, failureRate: 50%, openFor: 1500ms, halfOpenCalls: 1 }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "sequence", server.baseUrl(), "/svc", "30", "100");
        List<String> o = outcomes(r, 30);
        for (int i = 0; i < 4; i++) {
            assertEquals("CAUGHT java.io.IOException HTTP 503 from /svc", o.get(i), o::toString);
        }
        assertTrue(o.get(4).startsWith(OPEN + " inventory: circuit open"), o::toString);
        int firstOk = o.indexOf("OK ok /svc");
        assertTrue(firstOk > 4, "recovered after the open period: " + o);
        long fastFails = o.stream().filter(s -> s.startsWith(OPEN)).count();
        assertEquals(firstOk - 4, fastFails, "every call between opening and the probe failed fast: " + o);
        assertTrue(o.subList(firstOk, 30).stream().allMatch(s -> s.equals("OK ok /svc")), "closed again: " + o);
        assertEquals(4 + (30 - firstOk), server.count("/svc"), "calls refused while open never reached the server");
        assertTrue(r.stderr.contains("circuit breaker CLOSED -> OPEN"), r::toString);
        assertTrue(r.stderr.contains("circuit breaker OPEN -> HALF_OPEN"), r::toString);
        assertTrue(r.stderr.contains("circuit breaker HALF_OPEN -> CLOSED"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFailedProbeOpensTheBreakerAgain(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 1 }",
                "    circuitBreaker: { window: { size: 2 }, minimumCalls: 2, openFor: 600ms, halfOpenCalls: 1 }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "sequence", server.baseUrl(), "/down", "25", "100");
        List<String> o = outcomes(r, 25);
        long fastFails = o.stream().filter(s -> s.startsWith(OPEN)).count();
        int probes = server.count("/down") - 2;
        assertTrue(probes >= 1, "at least one probe after 600 ms: " + o);
        assertEquals(25, 2 + probes + fastFails, "each call either reached the server or failed fast: " + o);
        assertTrue(fastFails >= 10, "most calls failed fast: " + o);
        assertTrue(r.stderr.contains("circuit breaker HALF_OPEN -> OPEN"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void retriesStopWhenTheBreakerOpensAndTheFallbackAnswers(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 5, backoff: { type: fixed, initial: 10ms, jitter: none } }",
                "    circuitBreaker: { window: { size: 3 }, minimumCalls: 3, openFor: 60s }",
                "    fallback: { throw: com.acme.legacy.client.InventoryUnavailable }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "sequence", server.baseUrl(), "/down", "3", "0");
        assertEquals(3, server.count("/down"), "the third failure opened the breaker: no more attempts, no more sleeps");
        assertTrue(r.call(1).startsWith("CAUGHT com.acme.legacy.client.InventoryUnavailable inventory: "), r::toString);
        assertTrue(r.call(1).endsWith("CAUSE java.io.IOException"), r.call(1));
        assertTrue(r.call(2).endsWith("CAUSE dev.tenacious.runtime.CircuitOpenException"), r.call(2));
        assertTrue(r.call(3).endsWith("CAUSE dev.tenacious.runtime.CircuitOpenException"), r.call(3));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void scopeMethodGivesEachMethodItsOwnBreaker(Jdk jdk) throws Exception {
        server.script("/broken", Script.always(503));
        String breaker = "    retry: { maxAttempts: 1 }\n    circuitBreaker: { scope: SCOPE, window: { size: 2 }, minimumCalls: 2, openFor: 60s }\n";
        Path method = AppJvm.policy(dir, policy("StockClient", "*", breaker.replace("SCOPE", "method")));
        List<String> o = outcomes(AppJvm.run(jdk, method, "twoMethods", server.baseUrl(), "/broken", "/fine", "4"), 8);
        assertTrue(o.get(4).startsWith(OPEN + " inventory: circuit open, com.acme.legacy.client.StockClient.text"), o::toString);
        for (int i = 1; i < 8; i += 2) {
            assertEquals("OK 8", o.get(i), "count has its own closed breaker: " + o); // "ok /fine" has 8 characters
        }
        assertEquals(2, server.count("/broken"));
        assertEquals(4, server.count("/fine"));

        Path policy = AppJvm.policy(dir, policy("StockClient", "*", breaker.replace("SCOPE", "policy")));
        List<String> shared = outcomes(AppJvm.run(jdk, policy, "twoMethods", server.baseUrl(), "/broken", "/fine", "4"), 8);
        assertTrue(shared.subList(3, 8).stream().allMatch(s -> s.startsWith(OPEN)),
                "one breaker for the policy: once open, both methods fail fast: " + shared);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFullBulkheadRefusesAtOnce(Jdk jdk) throws Exception {
        server.script("/slow", Script.sequence(Step.delay(2000)));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 1 }",
                "    bulkhead: { maxConcurrent: 2, maxWait: 0ms }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "concurrent", server.baseUrl(), "/slow", "5");
        List<String> o = outcomes(r, 5);
        assertEquals(2, o.stream().filter(s -> s.equals("OK ok /slow")).count(), o::toString);
        assertEquals(3, o.stream().filter(s -> s.startsWith("CAUGHT dev.tenacious.runtime.BulkheadFullException inventory: bulkhead full")).count(), o::toString);
        assertEquals(2, server.count("/slow"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void bulkheadPlacesAreReleasedWhateverTheMethodThrows(Jdk jdk) throws Exception {
        server.script("/flaky", Script.sequence(Step.status(503), Step.status(503), Step.status(422), Step.reset(),
                Step.status(400), Step.status(503), Step.ok()));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 2, backoff: { initial: 5ms }, abortOn: [com.acme.legacy.client.BadRequestException] }",
                "    bulkhead: { maxConcurrent: 1 }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "sequence", server.baseUrl(), "/flaky", "6", "0");
        List<String> o = outcomes(r, 6);
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /flaky", o.get(0), "exhausted");
        assertTrue(o.get(1).startsWith("CAUGHT java.lang.IllegalStateException HTTP 422"), "unclassified: " + o);
        assertTrue(o.get(2).startsWith("CAUGHT com.acme.legacy.client.BadRequestException"), "reset retried, then permanent: " + o);
        assertEquals("OK ok /flaky", o.get(3), "503 then OK: " + o);
        assertEquals("OK ok /flaky", o.get(4));
        assertEquals("OK ok /flaky", o.get(5));
        assertTrue(o.stream().noneMatch(s -> s.contains("BulkheadFull")), "the single place was always given back: " + o);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void returnEmptyGivesEachReturnTypeItsEmptyValue(Jdk jdk) throws Exception {
        server.script("/gone", Script.always(503));
        Path p = AppJvm.policy(dir, policy("StockClient", "*", String.join("\n",
                "    retry: { maxAttempts: 2, backoff: { initial: 5ms } }",
                "    fallback: { return: empty }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "returns", server.baseUrl(), "/gone");
        assertEquals(List.of("OK 0", "OK false", "OK []", "OK Optional.empty", "OK ''", "OK void"), outcomes(r, 6), r::toString);
        assertEquals(6 * 2, server.count("/gone"), "each method retried once before its fallback");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aPermanentFailureIsThrownEvenWithAFallback(Jdk jdk) throws Exception {
        server.script("/malformed", Script.always(400));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { abortOn: [com.acme.legacy.client.BadRequestException] }",
                "    fallback: { return: empty }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/malformed");
        assertEquals("CAUGHT com.acme.legacy.client.BadRequestException HTTP 400 from /malformed", r.call(1));
        assertEquals(1, server.count("/malformed"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aCheckedFallbackTheMethodDoesNotDeclareLeavesItUnwoven(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        Path p = AppJvm.policy(dir, policy("InventoryClient", "fetch", String.join("\n",
                "    retry: { maxAttempts: 3, backoff: { initial: 5ms } }",
                "    fallback: { throw: java.sql.SQLException }",
                "")));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/down");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /down", r.call(1));
        assertEquals(1, server.count("/down"), "unwoven: one attempt");
        assertTrue(r.stderr.contains("fallback exception java.sql.SQLException is checked and not declared by "
                + "com.acme.legacy.client.InventoryClient.fetch"), r::toString);
    }
}
