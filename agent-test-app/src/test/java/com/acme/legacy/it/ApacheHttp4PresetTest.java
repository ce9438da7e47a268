package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code apache-http4} preset (issue 12, item 1): legacy code calls Apache HttpClient 4.5.14 itself, in the
 * library style ({@code execute(request)} returns a {@code CloseableHttpResponse} the caller reads and closes)
 * and the response-handler style, and the policy file names only {@code preset: apache-http4}. Each JVM makes
 * several calls, each to a path of its own, and the fault server counts the requests per path.
 */
class ApacheHttp4PresetTest extends BlackBoxTest {
    static final String PRESET = "apache-http4";

    static String policy(String extra) {
        return String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: " + PRESET + " }]",
                "    retry: { maxAttempts: 4, backoff: { initial: 20ms, max: 1500ms } }",
                extra,
                "");
    }

    /** {@code Apache4Scenarios calls BASE OPTIONS CALL...} */
    AppJvm.Result calls(Jdk jdk, String policyYaml, String options, String... calls) throws Exception {
        List<String> args = new ArrayList<>(List.of("apache4-calls", server.baseUrl(), options));
        Collections.addAll(args, calls);
        return AppJvm.run(jdk, AppJvm.policy(dir, policyYaml), args.toArray(new String[0]));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void statusesAndIoFailuresAreRetriedInBothStylesAndTheLastResponseComesBackUnchanged(Jdk jdk) throws Exception {
        server.script("/library", Script.failTimes(2, 503));
        server.script("/handler", Script.failTimes(2, 503));
        server.script("/bad", Script.always(400));
        server.script("/bad-handler", Script.always(400));
        server.script("/down", Script.always(503));
        server.script("/down-handler", Script.always(502));
        server.script("/reset", Script.sequence(Step.reset(), Step.ok()));
        server.script("/dead", Script.sequence(Step.reset()));
        AppJvm.Result r = calls(jdk, policy(""), "-",
                "library GET /library", "handler GET /handler", "library GET /bad", "handler GET /bad-handler",
                "library GET /down", "handler GET /down-handler", "handler GET /reset", "library GET /dead");
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        assertAll(
                () -> assertEquals("OK 200 ok /library", r.call(1), r::toString),
                () -> assertEquals(3, server.count("/library"), "library style: 503 twice, then the 200"),
                () -> assertEquals("OK 200 ok /handler", r.call(2), r::toString),
                () -> assertEquals(3, server.count("/handler"), "handler style: 503 twice, then the 200"),
                () -> assertEquals("OK 400 status 400", r.call(3), r::toString),
                () -> assertEquals(1, server.count("/bad"), "a 400 is not retried"),
                () -> assertEquals("OK 400 status 400", r.call(4), r::toString),
                () -> assertEquals(1, server.count("/bad-handler"), "a 400 is not retried (handler style)"),
                () -> assertEquals("OK 503 status 503", r.call(5), "exhausted: the last response, its body still readable: " + r),
                () -> assertEquals(4, server.count("/down")),
                () -> assertEquals("OK 502 status 502", r.call(6), "exhausted: the handler reads the last response: " + r),
                () -> assertEquals(4, server.count("/down-handler")),
                () -> assertEquals("OK 200 ok /reset", r.call(7), r::toString),
                () -> assertEquals(2, server.count("/reset"), "an I/O failure (no response) is retried"),
                () -> assertEquals("CAUGHT org.apache.http.NoHttpResponseException The target server failed to respond", r.call(8),
                        "exhausted on I/O failures: the client's own exception, as without the agent: " + r),
                () -> assertEquals(4, server.count("/dead")),
                () -> assertTrue(r.stderr.contains("http: wove ") && r.stderr.contains(" of org.apache.http."),
                        "the preset wove HttpClient 4's client: " + AgentLines.linesWith(r.stderr, "wove")));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aPostIsRetriedOnlyWithAnIdempotencyKeyAndARepeatableEntity(Jdk jdk) throws Exception {
        for (String p : new String[] {"/plain", "/plain-handler", "/keyed", "/keyed-handler", "/stream", "/stream-handler"}) {
            server.script(p, Script.failTimes(2, 503));
        }
        AppJvm.Result r = calls(jdk, policy(""), "-",
                "library POST /plain", "handler POST /plain-handler",
                "library POST /keyed key=order-1", "handler POST /keyed-handler key=order-2",
                "library POST /stream key=order-3 stream", "handler POST /stream-handler key=order-4 stream");
        assertAll(
                () -> assertEquals("OK 503 status 503", r.call(1), r::toString),
                () -> assertEquals(1, server.count("POST", "/plain"), "a POST without Idempotency-Key: one attempt"),
                () -> assertEquals("OK 503 status 503", r.call(2), r::toString),
                () -> assertEquals(1, server.count("POST", "/plain-handler"), "a POST without Idempotency-Key: one attempt"),
                () -> assertEquals("OK 200 ok /keyed", r.call(3), r::toString),
                () -> assertEquals(List.of("order-1", "order-1", "order-1"), server.headers("/keyed", "Idempotency-Key"),
                        "with a key: retried, the key on every attempt"),
                () -> assertEquals("OK 200 ok /keyed-handler", r.call(4), r::toString),
                () -> assertEquals(3, server.count("POST", "/keyed-handler")),
                () -> assertEquals("OK 503 status 503", r.call(5), r::toString),
                () -> assertEquals(1, server.count("POST", "/stream"), "an InputStreamEntity cannot be sent again: one attempt"),
                () -> assertEquals("OK 503 status 503", r.call(6), r::toString),
                () -> assertEquals(1, server.count("POST", "/stream-handler"), "an InputStreamEntity cannot be sent again"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void retryAfterReplacesTheBackoffCappedByBackoffMax(Jdk jdk) throws Exception {
        server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
        server.script("/unavailable", Script.sequence(Step.statusWithRetryAfter(503, "1"), Step.ok()));
        server.script("/hour", Script.sequence(Step.tooManyRequests("3600"), Step.ok()));
        AppJvm.Result r = calls(jdk, policy(""), "-", "library GET /busy", "handler GET /unavailable", "handler GET /hour");
        assertAll(
                () -> assertEquals("OK 200 ok /busy", r.call(1), r::toString),
                () -> assertTrue(gapMillis("/busy") >= 950, "429 Retry-After: 1 waited, not the 20 ms backoff: " + gapMillis("/busy") + " ms"),
                () -> assertEquals("OK 200 ok /unavailable", r.call(2), r::toString),
                () -> assertTrue(gapMillis("/unavailable") >= 950, "503 Retry-After: 1 waited: " + gapMillis("/unavailable") + " ms"),
                () -> assertEquals("OK 200 ok /hour", r.call(3), r::toString),
                () -> assertTrue(gapMillis("/hour") >= 1450 && gapMillis("/hour") < 30_000,
                        "an hour asked, backoff.max (1500 ms) taken: " + gapMillis("/hour") + " ms"));
    }

    /** Milliseconds between the first two requests to {@code path} (-1 when there were fewer). */
    long gapMillis(String path) {
        List<Long> at = server.arrivals(path);
        return at.size() < 2 ? -1 : (at.get(1) - at.get(0)) / 1_000_000;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aPoolOfTwoServesFiftyCallsThatEachGetA503ThenA200OnAtMostTwoConnections(Jdk jdk) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.script("/pooled", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("")), "apache4-pool", server.baseUrl(), "/pooled", "50", "both");
        for (int i = 1; i <= 50; i++) {
            assertEquals("OK 200 ok /pooled", r.call(i), r::toString);
        }
        assertEquals(100, server.count("/pooled"), "each call: a 503, its entity consumed, then the 200");
        assertTrue(server.connections("/pooled") <= 2, "the retried 503s gave their connections back: "
                + server.connections("/pooled") + " connections");
        assertTrue(r.call(0).startsWith("OK leased=0 "), "no connection leaked: " + r.call(0));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void timeoutsApplyWhereTheApplicationSetNoneAndTheApplicationsOwnWin(Jdk jdk) throws Exception {
        server.script("/hang", Script.sequence(Step.delay(8000), Step.delay(8000), Step.ok()));
        server.script("/own-request", Script.sequence(Step.delay(1500), Step.ok()));
        server.script("/own-client", Script.sequence(Step.delay(1500), Step.ok()));
        // 1 s rather than less: on a busy machine the third attempt's answer must come within it
        String yaml = policy("    http: { timeouts: { connect: 1s, request: 1s } }");
        AppJvm.Result bare = calls(jdk, yaml, "-", "handler GET /hang", "library GET /own-request timeout=5000");
        AppJvm.Result own = calls(jdk, yaml, "client-timeout-5000", "library GET /own-client");
        assertAll(
                () -> assertEquals("OK 200 ok /hang", bare.call(1), bare::toString),
                () -> assertEquals(3, server.count("/hang"), "no timeout set: two attempts cut off at 1 s, then the 200"),
                () -> assertEquals("OK 200 ok /own-request", bare.call(2), bare::toString),
                () -> assertEquals(1, server.count("/own-request"), "the request's own RequestConfig (5 s) was kept"),
                () -> assertEquals("OK 200 ok /own-client", own.call(1), own::toString),
                () -> assertEquals(1, server.count("/own-client"), "the client's default RequestConfig (5 s) was kept"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aPoolThatHadNoFreeConnectionInTimeIsNeverRetried(Jdk jdk) throws Exception {
        server.script("/good", Script.failTimes(2, 503));
        server.script("/leaky", Script.alwaysOk());
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy("")), "apache4-leak", server.baseUrl(), "/good", "/leaky", "4");
        assertAll(
                () -> assertEquals("OK 200 ok /good", r.call(1), "the preset retries in this JVM: " + r),
                () -> assertEquals(3, server.count("/good")),
                () -> assertTrue(r.call(101).startsWith("OK 200"), r::toString),
                () -> assertTrue(r.call(102).startsWith("OK 200"), r::toString),
                () -> assertEquals("CAUGHT org.apache.http.conn.ConnectionPoolTimeoutException Timeout waiting for connection from pool",
                        r.call(103), "the pool's own exception, unchanged: " + r),
                () -> assertEquals("CAUGHT org.apache.http.conn.ConnectionPoolTimeoutException Timeout waiting for connection from pool",
                        r.call(104), r::toString),
                () -> assertEquals(2, server.count("/leaky"), "the leaked wrapper's two calls; the pool timeouts reach no server"),
                () -> assertEquals(2, JdbcPresetTest.figure(r, "Retries"),
                        "only /good's two retries: a pool timeout is local, never retried (it would only queue behind the same pool)"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void eachCallTakesTheFirstPolicyWhoseHostsMatch(Jdk jdk) throws Exception {
        server.script("/vendor", Script.failTimes(3, 503));
        server.script("/internal", Script.failTimes(3, 503));
        String yaml = String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: patient-with-vendor",
                "    match: [{ preset: " + PRESET + " }]",
                "    http: { hosts: [\"local*\"] }",
                "    retry: { maxAttempts: 5, backoff: { initial: 10ms } }",
                "  - name: fail-fast-inside",
                "    match: [{ preset: " + PRESET + " }]",
                "    retry: { maxAttempts: 1 }",
                "");
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        AppJvm.Result r = calls(jdk, yaml, "-", "handler GET http://localhost:" + port + "/vendor",
                "library GET http://127.0.0.1:" + port + "/internal");
        assertAll(
                () -> assertEquals("OK 200 ok /vendor", r.call(1), r::toString),
                () -> assertEquals(4, server.count("/vendor"), "localhost matched local*: up to 5 attempts"),
                () -> assertEquals("OK 503 status 503", r.call(2), r::toString),
                () -> assertEquals(1, server.count("/internal"), "127.0.0.1 fell through to the fail-fast policy"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aHostScopedBreakerOpensForTheFailingHostOnly(Jdk jdk) throws Exception {
        server.script("/h", Script.always(503));
        String yaml = String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: " + PRESET + " }]",
                "    retry: { maxAttempts: 1 }",
                "    circuitBreaker: { scope: host, window: { size: 4 }, minimumCalls: 4, openFor: 60s }",
                "");
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        List<String> calls = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            calls.add((i % 2 == 0 ? "handler" : "library") + " GET http://localhost:" + port + "/h");
        }
        for (int i = 1; i <= 8; i++) {
            calls.add((i % 2 == 0 ? "handler" : "library") + " GET http://127.0.0.1:" + port + "/ok");
        }
        AppJvm.Result r = calls(jdk, yaml, "-", calls.toArray(new String[0]));
        for (int i = 1; i <= 4; i++) {
            assertEquals("OK 503 status 503", r.call(i), r::toString);
        }
        for (int i = 5; i <= 8; i++) {
            assertTrue(r.call(i).startsWith("CAUGHT dev.tenacious.runtime.CircuitOpenException"), r::toString);
        }
        assertEquals(4, server.count("/h"), "the breaker for localhost opened after 4 failures");
        for (int i = 9; i <= 16; i++) {
            assertEquals("OK 200 ok /ok", r.call(i), r::toString);
        }
        assertEquals(8, server.count("/ok"), "127.0.0.1 has its own breaker, still closed");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theStartUpLineSaysTheMostRequestsOneCallCanSendWithTheClientsOwnRetries(Jdk jdk) throws Exception {
        server.script("/dead", Script.sequence(Step.reset()));
        // the client's own DefaultHttpRequestRetryHandler (3 retries of a GET that got no response) under the policy's 4 attempts
        AppJvm.Result r = calls(jdk, policy(""), "own-retries", "handler GET /dead");
        assertTrue(r.call(1).startsWith("CAUGHT org.apache.http.NoHttpResponseException"), r::toString);
        int most = AgentLines.maxRequests(r.stderr, PRESET);
        assertTrue(server.count("/dead") <= most, "the line says at most " + most + " requests; one call sent "
                + server.count("/dead") + ": " + AgentLines.linesWith(r.stderr, PRESET));
        assertTrue(most >= 4, "at least the policy's own 4 attempts: " + most);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void planSaysHowThePresetStacksWithTheClientsOwnRetries(Jdk jdk) throws Exception {
        Path policies = AppJvm.policy(dir, policy(""));
        String classPath;
        try (java.util.stream.Stream<Path> lib = Files.list(AppJvm.APP_CLASSES.resolveSibling("lib"))) {
            classPath = lib.filter(p -> p.getFileName().toString().matches("http(client|core)-4\\..*\\.jar"))
                    .map(Path::toString).sorted().collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        AppJvm.Result r = CliTest.cli(jdk, "plan", policies.toString(), "--classpath", classPath);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("org.apache.http."), "plan lists HttpClient 4's woven methods: " + r);
        assertTrue(AgentLines.maxRequests(r.stdout + r.stderr, PRESET) >= 4, r::toString);
    }
}
