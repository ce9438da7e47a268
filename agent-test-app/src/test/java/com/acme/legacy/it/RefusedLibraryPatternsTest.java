package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 4: a plain {@code class}/{@code method} pattern that names a library method which cannot be
 * re-run in place is refused when the class is woven, with an error naming what to weave instead: OkHttp's
 * {@code RealCall.execute} (a call object is single-use: the old behaviour gave the caller
 * {@code IllegalStateException: Already Executed}) and the JDK's {@code HttpURLConnection} internals (which replay
 * a cached failure). The class stays untouched, so the call behaves as without the agent.
 */
class RefusedLibraryPatternsTest extends BlackBoxTest {
    static final String REAL_CALL_3 = "okhttp3.RealCall";
    static final String REAL_CALL_4 = "okhttp3.internal.connection.RealCall";
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

    static String policy(String name, String className, String method) {
        return String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: " + name,
                "    match: [{ class: " + className + ", method: " + method + " }]",
                "    retry: { maxAttempts: 4, backoff: { initial: 20ms } }",
                "");
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("com.acme.legacy.it.OkHttpPresetTest#jdksAndOkHttp")
    void okHttpsRealCallIsRefusedWithAnErrorNamingTheOkhttpPreset(Jdk jdk, int version) throws Exception {
        String realCall = version == 3 ? REAL_CALL_3 : REAL_CALL_4;
        server.script("/once", Script.sequence(Step.reset(), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("real-call", realCall, "execute")), List.of(),
                LegacyLibraries.okhttp(version), "okhttp-calls", server.baseUrl(), "no-own-retries", "execute GET /once");
        assertAll(
                () -> assertTrue(AgentLines.matches(AgentLines.refusal(realCall, AgentLines.OKHTTP_PRESET), r.stderr),
                        "an ERROR names " + realCall + " and the okhttp preset: " + r.stderr),
                () -> assertFalse(AgentLines.matches(AgentLines.woveAny(realCall), r.stderr), "not woven: " + r.stderr),
                () -> assertEquals("CAUGHT java.io.IOException unexpected end of stream on " + server.baseUrl() + "/... CAUSE java.io.EOFException",
                        r.call(1), "the call behaves as without the agent (OkHttp's own IOException, no IllegalStateException: "
                                + "Already Executed): " + r),
                () -> assertEquals(1, server.count("/once"), "one request, as without the agent"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theJdksHttpUrlConnectionInternalsAreRefusedWithAnErrorNamingTheApplicationMethod(Jdk jdk) throws Exception {
        server.script("/once", Script.failTimes(1, 503));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("connection-internals", URL_CONNECTION, "getInputStream")),
                "orders-urlconnection", server.baseUrl(), "GET /once");
        assertAll(
                () -> assertTrue(AgentLines.matches(AgentLines.refusal(URL_CONNECTION, AgentLines.APPLICATION_METHOD), r.stderr),
                        "an ERROR names " + URL_CONNECTION + " and says to weave the application method: " + r.stderr),
                () -> assertFalse(AgentLines.matches(AgentLines.woveAny(URL_CONNECTION), r.stderr), "not woven: " + r.stderr),
                () -> assertEquals("CAUGHT java.io.IOException Server returned HTTP response code: 503 for URL: " + server.baseUrl() + "/once",
                        r.call(1), "the caller gets the connection's own IOException, as without the agent: " + r),
                () -> assertEquals(1, server.count("/once"), "one request, as without the agent"));
    }
}
