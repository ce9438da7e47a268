package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code apache-http5} preset: Apache HttpClient 5 classic, woven where every execute overload ends. */
class ApacheHttpPresetTest extends BlackBoxTest {

    Path policy(String extra) throws Exception {
        return AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: apache-http5 }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 20ms } }",
                extra,
                ""));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void retriesAStatusThroughAResponseHandler(Jdk jdk) throws Exception {
        server.script("/a", Script.failTimes(2, 503));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "apache-get", server.baseUrl() + "/a");
        assertEquals("OK 200 ok /a", r.call(1), r::toString);
        assertEquals(3, server.count("/a"));
        assertTrue(r.stderr.contains("http: wove 1 method of org.apache.hc.client5.http.impl.classic.InternalHttpClient"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void exhaustedTheHandlerSeesTheLastResponse(Jdk jdk) throws Exception {
        server.script("/down", Script.always(502));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "apache-get", server.baseUrl() + "/down");
        assertEquals("OK 502 status 502", r.call(1), r::toString);
        assertEquals(3, server.count("/down"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theClientsOwnRetriesMultiplyWithOurs(Jdk jdk) throws Exception {
        server.script("/both", Script.always(503));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "apache-get", server.baseUrl() + "/both", "own-retries");
        assertEquals("OK 503 status 503", r.call(1), r::toString);
        assertEquals(6, server.count("/both"), "3 attempts of ours, each retried once by the client's default strategy");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void postNeedsAnIdempotencyKeyAndARepeatableEntity(Jdk jdk) throws Exception {
        server.script("/orders", Script.failTimes(2, 503));
        AppJvm.Result plain = AppJvm.run(jdk, policy(""), "apache-post", server.baseUrl() + "/orders", "-", "string");
        assertEquals("OK 503 status 503", plain.call(1), plain::toString);
        assertEquals(1, server.count("/orders"), "POST without a key: one attempt");

        server.script("/keyed", Script.failTimes(2, 503));
        AppJvm.Result keyed = AppJvm.run(jdk, policy(""), "apache-post", server.baseUrl() + "/keyed", "order-7", "string");
        assertEquals("OK 200 ok /keyed", keyed.call(1), keyed::toString);
        assertEquals(3, server.count("/keyed"));

        server.script("/stream", Script.failTimes(2, 503));
        AppJvm.Result stream = AppJvm.run(jdk, policy(""), "apache-post", server.baseUrl() + "/stream", "order-7", "stream");
        assertEquals("OK 503 status 503", stream.call(1), stream::toString);
        assertEquals(1, server.count("/stream"), "an InputStreamEntity is not repeatable: one attempt");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aPoolOfTwoSurvivesFiftyRetriedCalls(Jdk jdk) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.script("/pooled", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "apache-pool", server.baseUrl() + "/pooled", "50");
        for (int i = 1; i <= 50; i++) {
            assertEquals("OK 200 ok /pooled", r.call(i), r::toString);
        }
        assertEquals(100, server.count("/pooled"), "each call: a 503, discarded, then a 200");
        // a leaked 503 would hold one of the two connections for good: the third call would then wait
        // out the 3 s connection request timeout and fail; instead every connection is back in the pool
        assertTrue(r.call(0).startsWith("OK leased=0 available="), "no connection leaked: " + r);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void transientIoFailuresAreRetried(Jdk jdk) throws Exception {
        server.script("/reset", Script.sequence(Step.reset(), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "apache-get", server.baseUrl() + "/reset");
        assertEquals("OK 200 ok /reset", r.call(1), r::toString);
        assertEquals(2, server.count("/reset"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aCallThatUsedToHangTimesOutAndIsRetried(Jdk jdk) throws Exception {
        server.script("/hang", Script.sequence(Step.delay(8000), Step.delay(8000), Step.ok()));
        // 1 s rather than less: on a busy machine the third attempt's answer must come within it
        AppJvm.Result r = AppJvm.run(jdk, policy("    http: { timeouts: { connect: 1s, request: 1s } }"),
                "apache-get", server.baseUrl() + "/hang");
        assertEquals("OK 200 ok /hang", r.call(1), r::toString);
        assertEquals(3, server.count("/hang"), "two attempts cut off at 1 s, then the 200");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theClientsOwnTimeoutWins(Jdk jdk) throws Exception {
        server.script("/own", Script.sequence(Step.delay(1200), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, policy("    http: { timeouts: { request: 300ms } }"),
                "apache-get", server.baseUrl() + "/own", "timeout-5000");
        assertEquals("OK 200 ok /own", r.call(1), r::toString);
        assertEquals(1, server.count("/own"), "the client's 5 s response timeout was kept");
    }
}
