package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code jdk-http} preset seen from outside: legacy code calls {@code HttpClient.send} itself, the
 * agent weaves the JDK's own implementation class (module java.net.http), and the fault server counts.
 */
class JdkHttpPresetTest extends BlackBoxTest {

    static String policy(String extra) {
        return String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: jdk-http }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 20ms, max: 2s } }",
                extra,
                "");
    }

    AppJvm.Result send(Jdk jdk, String policyYaml, String... args) throws Exception {
        Path p = AppJvm.policy(dir, policyYaml);
        String[] all = new String[args.length + 1];
        all[0] = "jdk-send";
        System.arraycopy(args, 0, all, 1, args.length);
        return AppJvm.run(jdk, p, all);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void retriesAStatusThenReturnsTheGoodResponse(Jdk jdk) throws Exception {
        server.script("/p", Script.failTimes(2, 503));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("")), List.of("-Dscenarios.figures=true"),
                "jdk-send", server.baseUrl() + "/p", "GET");
        assertEquals("OK 200 ok /p", r.call(1), r::toString);
        assertEquals(3, server.count("/p"), "two 503s, then the 200");
        assertEquals(1, JdbcPresetTest.figure(r, "Calls"), "one logical call, whatever the client calls inside send");
        assertEquals(2, JdbcPresetTest.figure(r, "Retries"));
        assertTrue(r.stderr.contains("http: wove 2 methods of jdk.internal.net.http.HttpClientImpl"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void exhaustedOnAStatusTheCallerGetsTheLastResponseUnchanged(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/down", "GET");
        assertEquals("OK 503 status 503", r.call(1), r::toString);
        assertEquals(3, server.count("/down"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void onlyTheConfiguredStatusesAreRetried(Jdk jdk) throws Exception {
        server.script("/teapot", Script.failTimes(2, 500));
        AppJvm.Result r = send(jdk, policy("    http: { statuses: [503] }"), server.baseUrl() + "/teapot", "GET");
        assertEquals("OK 500 status 500", r.call(1), r::toString);
        assertEquals(1, server.count("/teapot"), "500 is not in statuses");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void transientIoFailuresAreRetried(Jdk jdk) throws Exception {
        server.script("/reset", Script.sequence(Step.reset(), Step.ok()));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/reset", "GET");
        assertEquals("OK 200 ok /reset", r.call(1), r::toString);
        assertEquals(2, server.count("/reset"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void retryAfterInSecondsIsHonoured(Jdk jdk) throws Exception {
        server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/busy", "GET");
        assertEquals("OK 200 ok /busy", r.call(1), r::toString);
        List<Long> at = server.arrivals("/busy");
        assertEquals(2, at.size());
        long gapMillis = (at.get(1) - at.get(0)) / 1_000_000;
        assertTrue(gapMillis >= 950, "waited the server's Retry-After of 1 s, not the 20 ms backoff: " + gapMillis + " ms");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void retryAfterAsAnHttpDateIsHonoured(Jdk jdk) throws Exception {
        // the date is written when the 429 is sent: however long the JVM took to start, it is 2-3 s ahead
        server.script("/dated", Script.sequence(Step.tooManyRequestsUntil(3), Step.ok()));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/dated", "GET");
        assertEquals("OK 200 ok /dated", r.call(1), r::toString);
        List<Long> at = server.arrivals("/dated");
        long gapMillis = (at.get(1) - at.get(0)) / 1_000_000;
        assertTrue(gapMillis >= 1000, "waited until the date (whole seconds, 2-3 s ahead): " + gapMillis + " ms");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void retryAfterIsCappedByBackoffMax(Jdk jdk) throws Exception {
        server.script("/slow", Script.sequence(Step.tooManyRequests("3600"), Step.ok()));
        AppJvm.Result r = send(jdk, policy("").replace("max: 2s", "max: 300ms"), server.baseUrl() + "/slow", "GET");
        assertEquals("OK 200 ok /slow", r.call(1), r::toString);
        List<Long> at = server.arrivals("/slow");
        long gapMillis = (at.get(1) - at.get(0)) / 1_000_000;
        assertTrue(gapMillis >= 290 && gapMillis < 30_000, "an hour asked, backoff.max (300 ms) taken: " + gapMillis + " ms");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void postIsNotRetriedWithoutAnIdempotencyKey(Jdk jdk) throws Exception {
        server.script("/orders", Script.failTimes(2, 503));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/orders", "POST", "-", "string");
        assertEquals("OK 503 status 503", r.call(1), r::toString);
        assertEquals(1, server.count("POST", "/orders"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void postWithAnIdempotencyKeyIsRetried(Jdk jdk) throws Exception {
        server.script("/orders", Script.failTimes(2, 503));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/orders", "POST", "order-42", "string");
        assertEquals("OK 200 ok /orders", r.call(1), r::toString);
        assertEquals(3, server.count("POST", "/orders"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void patchIsRetriedWhenThePolicySaysSo(Jdk jdk) throws Exception {
        server.script("/orders", Script.failTimes(2, 503));
        AppJvm.Result r = send(jdk, policy("    http: { retryNonIdempotent: true }"), server.baseUrl() + "/orders", "PATCH", "-", "string");
        assertEquals("OK 200 ok /orders", r.call(1), r::toString);
        assertEquals(3, server.count("PATCH", "/orders"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void aBodyThatCannotBeReplayedIsNotRetried(Jdk jdk) throws Exception {
        server.script("/upload", Script.failTimes(2, 503));
        AppJvm.Result r = send(jdk, policy(""), server.baseUrl() + "/upload", "PUT", "order-42", "stream");
        assertEquals("OK 503 status 503", r.call(1), r::toString);
        assertEquals(1, server.count("PUT", "/upload"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void sendAsyncRetriesWithoutBlockingTheCaller(Jdk jdk) throws Exception {
        server.script("/async", Script.failTimes(2, 503));
        Path p = AppJvm.policy(dir, policy(""));
        AppJvm.Result r = AppJvm.run(jdk, p, "jdk-async", server.baseUrl() + "/async");
        assertTrue(r.call(1).startsWith("OK 200 ok /async completedOn="), r::toString);
        assertFalse(r.call(1).endsWith("completedOn=main"), "the retries ran off the caller's thread: " + r);
        assertEquals(3, server.count("/async"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void hostsPickThePolicyPerCall(Jdk jdk) throws Exception {
        server.script("/vendor", Script.failTimes(3, 503));
        server.script("/internal", Script.failTimes(3, 503));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: patient-with-vendor",
                "    match: [{ preset: jdk-http }]",
                "    http: { hosts: [\"local*\"] }",
                "    retry: { maxAttempts: 5, backoff: { initial: 10ms } }",
                "  - name: fail-fast-inside",
                "    match: [{ preset: jdk-http }]",
                "    retry: { maxAttempts: 1 }",
                ""));
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        AppJvm.Result vendor = AppJvm.run(jdk, p, "jdk-send", "http://localhost:" + port + "/vendor", "GET");
        AppJvm.Result internal = AppJvm.run(jdk, p, "jdk-send", "http://127.0.0.1:" + port + "/internal", "GET");
        assertEquals("OK 200 ok /vendor", vendor.call(1), vendor::toString);
        assertTrue(vendor.stderr.contains("policy patient-with-vendor: enforce, up to 5 attempts")
                && vendor.stderr.contains("; http hosts [local*], statuses [429, 502, 503, 504]"), vendor::toString);
        assertEquals(4, server.count("/vendor"), "localhost matched local*: up to 5 attempts");
        assertEquals("OK 503 status 503", internal.call(1), internal::toString);
        assertEquals(1, server.count("/internal"), "127.0.0.1 fell through to the fail-fast policy");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void aHostScopedBreakerOpensForTheFailingHostOnly(Jdk jdk) throws Exception {
        server.script("/h", Script.always(503));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: jdk-http }]",
                "    retry: { maxAttempts: 1 }",
                "    circuitBreaker: { scope: host, window: { size: 4 }, minimumCalls: 4, openFor: 60s }",
                ""));
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        AppJvm.Result r = AppJvm.run(jdk, p, "jdk-hosts", "http://localhost:" + port + "/h", "http://127.0.0.1:" + port + "/ok", "8");
        for (int i = 1; i <= 4; i++) {
            assertEquals("OK 503 status 503", r.call(i), r::toString);
        }
        for (int i = 5; i <= 8; i++) {
            assertTrue(r.call(i).startsWith("CAUGHT dev.tenacious.runtime.CircuitOpenException"), r::toString);
        }
        assertEquals(4, server.count("/h"), "the breaker for localhost opened after 4 failures");
        for (int i = 101; i <= 108; i++) {
            assertEquals("OK 200 ok /ok", r.call(i), r::toString);
        }
        assertEquals(8, server.count("/ok"), "127.0.0.1 has its own breaker, still closed");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void aCallThatUsedToHangTimesOutAndIsRetried(Jdk jdk) throws Exception {
        server.script("/hang", Script.sequence(Step.delay(8000), Step.delay(8000), Step.ok()));
        // 1 s rather than less: on a busy machine the third attempt's answer must come within it
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("    http: { timeouts: { request: 1s } }")),
                "jdk-bare", server.baseUrl() + "/hang");
        assertEquals("OK 200 ok /hang", r.call(1), r::toString);
        assertEquals(3, server.count("/hang"), "two attempts cut off at 1 s (every attempt got the timeout), then the 200");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void withoutTheAgentTheSameCallHangs(Jdk jdk) throws Exception {
        server.script("/hang", Script.sequence(Step.delay(2000), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, null, "jdk-bare", server.baseUrl() + "/hang");
        assertEquals("OK 200 ok /hang", r.call(1), r::toString);
        assertEquals(1, server.count("/hang"), "no timeout: the caller waited the whole delay");
        assertTrue(Long.parseLong(r.call(2).substring("OK tookMillis=".length())) >= 1900, r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void theApplicationsOwnTimeoutWins(Jdk jdk) throws Exception {
        server.script("/own", Script.sequence(Step.delay(1200), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("    http: { timeouts: { request: 300ms } }")),
                "jdk-bare", server.baseUrl() + "/own", "5000");
        assertEquals("OK 200 ok /own", r.call(1), r::toString);
        assertEquals(1, server.count("/own"), "the request's own 5 s timeout was kept, not replaced by 300 ms");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void aBrokenRuntimeLeavesTheJdkClientAsIfUntouched(Jdk jdk) throws Exception {
        for (String where : new String[] {"enter", "exit"}) {
            server.script("/" + where, Script.failTimes(2, 503));
            AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("")),
                    List.of("-Dtenacious.internal.failOnPurpose=" + where), "jdk-send", server.baseUrl() + "/" + where, "GET");
            assertEquals("OK 503 status 503", r.call(1), "the client's own answer, as without the agent: " + r);
            assertEquals(1, server.count("/" + where));
            assertTrue(r.stderr.contains("internal error in " + where), r::toString);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdksFrom11")
    void insideAWovenApplicationMethodOnlyTheOutermostRetries(Jdk jdk) throws Exception {
        server.script("/prices/sku-1", Script.always(503));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: prices",
                "    match: [{ class: com.acme.legacy.client.PriceClient, method: quote }]",
                "    retry: { maxAttempts: 2, backoff: { initial: 10ms } }",
                "  - name: http",
                "    match: [{ preset: jdk-http }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 10ms } }",
                ""));
        AppJvm.Result r = AppJvm.run(jdk, p, "price", server.baseUrl(), "sku-1");
        assertEquals("CAUGHT java.io.IOException HTTP 503 from prices for sku-1", r.call(1), r::toString);
        assertEquals(2, server.count("/prices/sku-1"), "PriceClient.quote's 2 attempts, each sending once (not 2 x 3)");
    }
}
