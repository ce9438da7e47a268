package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application method that returns a CompletableFuture is retried asynchronously, off the caller's thread. */
class AsyncRetryTest extends BlackBoxTest {

    Path policy(int maxAttempts) throws Exception {
        return AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: quotes",
                "    match: [{ class: com.acme.legacy.client.QuoteService, method: quoteAsync }]",
                "    retry: { maxAttempts: " + maxAttempts + ", backoff: { initial: 200ms, jitter: none } }",
                ""));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFailedFutureIsRetriedAfterTheBackoffWithoutBlockingTheCaller(Jdk jdk) throws Exception {
        server.script("/q", Script.failTimes(2, 503));
        AppJvm.Result r = AppJvm.run(jdk, policy(3), "quoteAsync", server.baseUrl(), "/q");
        assertEquals("OK returned done=false", r.call(0), "the caller got its future back at once: " + r);
        assertTrue(r.call(1).startsWith("OK value ok /q completedOn="), r::toString);
        assertFalse(r.call(1).endsWith("completedOn=main"), r::toString);
        assertEquals(3, server.count("/q"));
        long gap = (server.arrivals("/q").get(1) - server.arrivals("/q").get(0)) / 1_000_000;
        assertTrue(gap >= 190, "the retry waited its 200 ms backoff: " + gap + " ms");
        assertTrue(r.stderr.contains("quotes: wove 1 method of com.acme.legacy.client.QuoteService"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void exhaustedTheFutureFailsWithTheLastException(Jdk jdk) throws Exception {
        server.script("/q", Script.always(503));
        AppJvm.Result r = AppJvm.run(jdk, policy(3), "quoteAsync", server.baseUrl(), "/q");
        assertTrue(r.call(1).startsWith("OK failed java.io.IOException HTTP 503 from /q"), r::toString);
        assertEquals(3, server.count("/q"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void withoutTheAgentTheFirstFailureEndsTheCall(Jdk jdk) throws Exception {
        server.script("/q", Script.failTimes(2, 503));
        AppJvm.Result r = AppJvm.run(jdk, null, "quoteAsync", server.baseUrl(), "/q");
        assertTrue(r.call(1).startsWith("OK failed java.io.IOException HTTP 503 from /q"), r::toString);
        assertEquals(1, server.count("/q"));
    }
}
