package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry contract seen from outside: the test application runs in a fresh JVM with the shaded agent,
 * against a fault server in this JVM, and each test asserts what the server counted and what the caller caught.
 */
class RetryBehaviourTest extends BlackBoxTest {
    static final String INVENTORY = "com.acme.legacy.client.InventoryClient";

    static String policy(String match, String retry) {
        return "version: 1\nsettings: { log: debug, summaryEvery: 0 }\npolicies:\n  - name: inventory\n    match:\n"
                + match + "    retry:\n" + retry;
    }

    static final String FETCH = "      - class: " + INVENTORY + "\n        method: fetch\n";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aTransientFailureIsRetriedWithBackoffThenSucceeds(Jdk jdk) throws Exception {
        server.script("/flaky", Script.failTimes(2, 503));
        Path p = AppJvm.policy(dir, policy(FETCH,
                "      maxAttempts: 3\n      backoff: { type: fixed, initial: 200ms, jitter: none }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", r.call(1), r::toString);
        assertEquals(3, server.count("/flaky"));
        List<Long> arrivals = server.arrivals("/flaky");
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
            assertTrue(gapMs >= 190, "attempts are at least the 200ms backoff apart, got " + gapMs + " ms");
        }
        assertTrue(r.stderr.contains("[tenacious] DEBUG inventory: attempt 1 of " + INVENTORY + ".fetch(java.lang.String) failed"),
                r::toString);
    }

    /**
     * The runtime reads an exception's cause without getCause()'s lock where java.lang is open to it (it
     * opens it as it starts, from Java 9 on), and asks getCause() of the classes that override it: both
     * kinds of wrapper are classified by their cause, on every JDK, with no illegal-access warning.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aTransientFailureIsFoundAsTheCauseOfTheApplicationsOwnException(Jdk jdk) throws Exception {
        server.script("/wrapped", Script.always(503));
        // 503 is no status this policy retries: its requests' statuses do not decide, the exceptions do
        String match = "      - class: com.acme.legacy.client.WrappedInventory\n        method: \"fetchWrapped*\"\n"
                + "    http: { statuses: [429] }\n";
        Path p = AppJvm.policy(dir, policy(match, "      maxAttempts: 3\n      backoff: { initial: 10ms, max: 20ms }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "wrapped", server.baseUrl(), "/wrapped");
        assertEquals("CAUGHT com.acme.legacy.client.InventoryUnavailable inventory unavailable: HTTP 503 from /wrapped"
                + " CAUSE java.io.IOException", r.call(1), r::toString);
        assertEquals("CAUGHT com.acme.legacy.client.WrappedInventory$OldStyleWrapper inventory unavailable: HTTP 503 from"
                + " /wrapped CAUSE java.io.IOException", r.call(2), r::toString);
        assertEquals(3 + 3, server.count("/wrapped"), "both calls retried: their cause is an IOException");
        assertTrue(!r.stderr.contains("WARNING"), r::toString);

        server.script("/unwrapped", Script.always(503));
        Path noCauses = AppJvm.policy(dir, policy(match, "      maxAttempts: 3\n      causes: false\n      backoff: { initial: 10ms }\n"));
        AppJvm.Result own = AppJvm.run(jdk, noCauses, "wrapped", server.baseUrl(), "/unwrapped");
        assertTrue(own.call(1).startsWith("CAUGHT com.acme.legacy.client.InventoryUnavailable"), own::toString);
        assertTrue(own.call(2).startsWith("CAUGHT com.acme.legacy.client.WrappedInventory$OldStyleWrapper"), own::toString);
        assertEquals(1 + 1, server.count("/unwrapped"), "causes: false: the wrappers alone are unclassified, not retried");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anAbortOnExceptionIsThrownAfterOneAttempt(Jdk jdk) throws Exception {
        server.script("/malformed", Script.always(400));
        Path p = AppJvm.policy(dir, policy(FETCH,
                "      maxAttempts: 5\n      abortOn: [com.acme.legacy.client.BadRequestException]\n"
                        + "      backoff: { initial: 10ms }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/malformed");
        assertEquals("CAUGHT com.acme.legacy.client.BadRequestException HTTP 400 from /malformed", r.call(1));
        assertEquals(1, server.count("/malformed"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void exhaustedRetriesRethrowTheOriginalException(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        AppJvm.Result without = AppJvm.run(jdk, null, "fetch", server.baseUrl(), "/down");
        assertEquals(1, server.count("/down"));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 4\n      backoff: { initial: 10ms, max: 50ms }\n"));
        AppJvm.Result with = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/down");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /down", with.call(1), with::toString);
        assertEquals(without.call(1), with.call(1), "same class and message as without the agent");
        assertEquals(1 + 4, server.count("/down"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anUnclassifiedExceptionIsNotRetried(Jdk jdk) throws Exception {
        server.script("/unprocessable", Script.always(422));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 5\n      backoff: { initial: 10ms }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/unprocessable");
        assertTrue(r.call(1).startsWith("CAUGHT java.lang.IllegalStateException HTTP 422"), r::toString);
        assertEquals(1, server.count("/unprocessable"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void eachAttemptGetsTheCallersArgumentsEvenIfTheMethodReassignedThem(Jdk jdk) throws Exception {
        server.script("/args/v1", Script.failTimes(2, 503));
        Path p = AppJvm.policy(dir, policy("      - class: " + INVENTORY + "\n        method: fetchVersioned\n",
                "      maxAttempts: 3\n      backoff: { initial: 10ms }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "versioned", server.baseUrl(), "/args");
        assertEquals("OK ok /args/v1", r.call(1), r::toString);
        assertEquals(3, server.count("/args/v1"));
        assertEquals(List.of("/args/v1"), server.paths(), "no attempt saw a reassigned path such as /args/v1/v1");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void nestedWovenCallsRetryOnlyAtTheOutermost(Jdk jdk) throws Exception {
        server.script("/nested", Script.always(503));
        Path p = AppJvm.policy(dir, policy(FETCH + "      - class: com.acme.legacy.client.CatalogService\n        method: describe\n",
                "      maxAttempts: 3\n      backoff: { initial: 5ms, max: 20ms }\n      budget: off\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "nested", server.baseUrl(), "/nested");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /nested", r.call(1), r::toString);
        assertEquals(3, server.count("/nested"), "3 attempts of the outer call, each running the inner once (not 3 x 3)");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anInterruptedThreadStopsRetryingAndKeepsItsFlag(Jdk jdk) throws Exception {
        server.script("/slow-outage", Script.always(503));
        Path p = AppJvm.policy(dir, policy(FETCH,
                "      maxAttempts: 5\n      backoff: { type: fixed, initial: 1h, max: 1h, jitter: none }\n"));
        // an hour's backoff: unless the interrupt cuts it short, the application cannot finish within
        // AppJvm's 120 s process limit, and would make a second attempt if it ever woke up
        AppJvm.Result r = AppJvm.run(jdk, p, "interrupt", server.baseUrl(), "/slow-outage", "1500");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /slow-outage", r.call(1), r::toString);
        assertEquals(1, server.count("/slow-outage"));
        String line = r.line("INTERRUPTED");
        assertTrue(line.startsWith("INTERRUPTED true"), "the thread kept its interrupt flag: " + line);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void observeModeCountsButNeverRetries(Jdk jdk) throws Exception {
        server.script("/observed", Script.always(503));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 5\n").replace("  - name: inventory\n",
                "  - name: inventory\n    mode: observe\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/observed");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /observed", r.call(1));
        assertEquals(1, server.count("/observed"));
        assertTrue(r.stderr.contains("observe mode: would retry"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void theApplicationsOwnJdkHttpClientMethodIsRetried(Jdk jdk) throws Exception {
        server.script("/prices/sku-9", Script.failTimes(2, 502));
        Path p = AppJvm.policy(dir, policy("      - class: com.acme.legacy.client.PriceClient\n        method: quote\n",
                "      backoff: { initial: 10ms }\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "price", server.baseUrl(), "sku-9");
        assertEquals("OK ok /prices/sku-9", r.call(1), r::toString);
        assertEquals(3, server.count("/prices/sku-9"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theApplicationsOwnApacheHttpClient4MethodIsRetriedAndItsPoolSurvives(Jdk jdk) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.script("/parcels", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        Path p = AppJvm.policy(dir, policy("      - class: com.acme.legacy.client.ShippingClient\n        method: track\n",
                "      backoff: { initial: 5ms }\n      budget: off\n"));
        AppJvm.Result r = AppJvm.run(jdk, p, "shipping", server.baseUrl(), "/parcels", "20");
        for (int i = 1; i <= 20; i++) {
            assertEquals("OK ok /parcels", r.call(i), r::toString);
        }
        assertEquals(40, server.count("/parcels"), "each call: a 503, then the retry's 200");
        assertTrue(r.call(0).startsWith("OK leased=0 "), "every attempt gave its pooled connection back: " + r.call(0));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theBudgetCapsRetriesUnderAFullOutage(Jdk jdk) throws Exception {
        server.script("/outage", Script.always(503));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 5\n      backoff: { type: fixed, initial: 1ms, jitter: none }\n")
                .replace("log: debug", "log: info"));
        int threads = 4;
        int calls = 400;
        long started = System.nanoTime();
        AppJvm.Result r = AppJvm.run(jdk, p, "burst", server.baseUrl(), "/outage", String.valueOf(threads), String.valueOf(calls));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        assertEquals("BURST calls=1600 ok=0 failed=1600", r.line("BURST"), r::toString);
        int retries = server.count("/outage") - 1600;
        // the default budget: over any 10 s, 20% of the calls plus 10 per second; a run of T seconds
        // (long on a loaded machine) spans at most T + 10 s of floor
        long allowed = (long) (0.2 * 1600) + 10 * (Math.max(seconds, 10) + 10);
        assertTrue(retries <= allowed, retries + " retries for 1600 calls in " + seconds + " s; the budget allows " + allowed
                + " (without a budget there would be 6400)");
        assertTrue(retries > 0, "the floor still allows some retries");
    }

    /** Lines of the JVM's class-loading log naming a class of the shaded Byte Buddy, ASM aside. */
    static long byteBuddyClassesLoaded(Path log) throws Exception {
        return java.nio.file.Files.readAllLines(log).stream()
                .filter(l -> l.contains(" dev.tenacious.shaded.bytebuddy.") && !l.contains(" dev.tenacious.shaded.bytebuddy.jar.asm."))
                .count();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void applicationMethodsMatchedByNameAreWovenWithoutLoadingByteBuddy(Jdk jdk) throws Exception {
        server.script("/asm", Script.failTimes(2, 503));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 3\n      backoff: { type: fixed, initial: 10ms }\n"));
        Path log = dir.resolve("classes-direct.log");
        AppJvm.Result r = AppJvm.run(jdk, p, jdk.classLoadingLog(log), "fetch", server.baseUrl(), "/asm");
        assertEquals("OK ok /asm", r.call(1), r::toString);
        assertEquals(3, server.count("/asm"));
        String classes = new String(java.nio.file.Files.readAllBytes(log));
        assertTrue(classes.contains(" dev.tenacious.shaded.bytebuddy.jar.asm.ClassReader "), "woven with ASM");
        assertEquals(0, byteBuddyClassesLoaded(log), "no Byte Buddy class beyond ASM was loaded");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theByteBuddyWeaverCanBeChosenAndRetriesTheSame(Jdk jdk) throws Exception {
        server.script("/bb", Script.failTimes(2, 503));
        Path p = AppJvm.policy(dir, policy(FETCH, "      maxAttempts: 3\n      backoff: { type: fixed, initial: 10ms }\n"));
        Path log = dir.resolve("classes-bytebuddy.log");
        List<String> options = new java.util.ArrayList<>(jdk.classLoadingLog(log));
        options.add("-Dtenacious.weaver=bytebuddy");
        AppJvm.Result r = AppJvm.run(jdk, p, options, "fetch", server.baseUrl(), "/bb");
        assertEquals("OK ok /bb", r.call(1), r::toString);
        assertEquals(3, server.count("/bb"));
        assertTrue(byteBuddyClassesLoaded(log) > 100, "Byte Buddy wove the method");
    }
}
