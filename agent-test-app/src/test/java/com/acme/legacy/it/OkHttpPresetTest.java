package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code okhttp} preset (issue 12, item 2): legacy code calls OkHttp 3.14.9 or 4.12.0 itself,
 * {@code newCall(request).execute()} and {@code enqueue(callback)}, and the policy file names only
 * {@code preset: okhttp}. A call object is single-use: every retry must be a fresh call, the caller must get
 * the last response or the original exception, and the responses that were retried must be closed. Each JVM
 * makes several calls, each to a path of its own; the core behaviour on each JDK with each OkHttp, the rest on
 * each JDK with either.
 */
class OkHttpPresetTest extends BlackBoxTest {
    static final String PRESET = "okhttp";

    /** Every JDK with each OkHttp: for the core behaviour (and the refusal of RealCall patterns). */
    static Stream<Arguments> jdksAndOkHttp() {
        return Jdk.all().flatMap(jdk -> Stream.of(Arguments.of(jdk, 3), Arguments.of(jdk, 4)));
    }

    /**
     * Every JDK and each OkHttp, but not every pair, to keep the suite short: OkHttp 3 on JDK 8, OkHttp 4 on
     * JDK 11 and 25, both on this JDK (17).
     */
    static Stream<Arguments> jdksWithEitherOkHttp() {
        int current = Runtime.version().feature();
        return Jdk.all().flatMap(jdk -> jdk.version == current ? Stream.of(Arguments.of(jdk, 3), Arguments.of(jdk, 4))
                : Stream.of(Arguments.of(jdk, jdk.version < 11 ? 3 : 4)));
    }

    static Stream<Arguments> okHttpOnThisJdk() {
        return Jdk.current().flatMap(jdk -> Stream.of(Arguments.of(jdk, 3), Arguments.of(jdk, 4)));
    }

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

    /** {@code OkHttpScenarios calls BASE OPTIONS CALL...} with OkHttp {@code version}, with the agent unless {@code yaml} is null. */
    AppJvm.Result calls(Jdk jdk, int version, String yaml, String options, String... calls) throws Exception {
        List<String> args = new ArrayList<>(List.of("okhttp-calls", server.baseUrl(), options));
        Collections.addAll(args, calls);
        Path policy = yaml == null ? null : AppJvm.policy(dir, yaml);
        AppJvm.Result r = AppJvm.run(jdk, policy, List.of(), LegacyLibraries.okhttp(version), args.toArray(new String[0]));
        assertTrue(r.line("OKHTTP ").endsWith("/" + LegacyLibraries.okhttpJar(version)), "ran with OkHttp " + version + ": " + r);
        return r;
    }

    /** The {@code ASYNC n ...} line of an enqueued call, as name=value pairs. */
    static java.util.Map<String, String> async(AppJvm.Result r, int n) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String pair : r.line("ASYNC " + n + " ").substring(("ASYNC " + n + " ").length()).split(" ")) {
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return values;
    }

    /** The pool's connections and idle ones from the {@code POOL} (or {@code POOL-AFTER-GC}) line. */
    static int[] pool(AppJvm.Result r, String line) {
        Matcher m = Pattern.compile(Pattern.quote(line) + " connections=(\\d+) idle=(\\d+)").matcher(r.stdout);
        assertTrue(m.find(), "no " + line + " line: " + r);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    long gapMillis(String path) {
        List<Long> at = server.arrivals(path);
        return at.size() < 2 ? -1 : (at.get(1) - at.get(0)) / 1_000_000;
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksAndOkHttp")
    void executeAndEnqueueRetryWithAFreshCallAndTheCallerGetsTheLastResponseOrTheOriginalException(Jdk jdk, int version) throws Exception {
        for (String p : new String[] {"/exec", "/async"}) {
            server.script(p, Script.failTimes(2, 503));
        }
        for (String p : new String[] {"/reset", "/reset-async"}) {
            server.script(p, Script.sequence(Step.reset(), Step.reset(), Step.ok()));
        }
        server.script("/down", Script.always(503));
        server.script("/down-async", Script.always(502));
        server.script("/dead", Script.sequence(Step.reset()));
        server.script("/dead-async", Script.sequence(Step.reset()));
        AppJvm.Result r = calls(jdk, version, policy(""), "no-own-retries",
                "execute GET /exec", "enqueue GET /async", "execute GET /reset", "enqueue GET /reset-async",
                "execute GET /down", "enqueue GET /down-async", "execute GET /dead", "enqueue GET /dead-async");
        String unexpectedEnd = "CAUGHT java.io.IOException unexpected end of stream on " + server.baseUrl() + "/...";
        int[] pool = pool(r, "POOL");
        assertAll(
                () -> assertEquals("OK 200 ok /exec", r.call(1), r::toString),
                () -> assertEquals(3, server.count("/exec"), "execute: 503 twice, then the 200"),
                () -> assertEquals("OK 200 ok /async", r.call(2), r::toString),
                () -> assertEquals(3, server.count("/async"), "enqueue: 503 twice, then the 200"),
                () -> assertEquals("OK 200 ok /reset", r.call(3), "a fresh call each time, never 'Already Executed': " + r),
                () -> assertEquals(3, server.count("/reset")),
                () -> assertEquals("OK 200 ok /reset-async", r.call(4), r::toString),
                () -> assertEquals(3, server.count("/reset-async")),
                () -> assertEquals("OK 503 status 503", r.call(5), "exhausted: the last response, its body readable: " + r),
                () -> assertEquals(4, server.count("/down")),
                () -> assertEquals("OK 502 status 502", r.call(6), "exhausted: the callback gets the last response: " + r),
                () -> assertEquals(4, server.count("/down-async")),
                () -> assertEquals(unexpectedEnd, r.call(7).replaceFirst(" CAUSE .*", ""), "the original exception: " + r),
                () -> assertEquals(4, server.count("/dead")),
                () -> assertEquals(unexpectedEnd, r.call(8).replaceFirst(" CAUSE .*", ""), "the callback's onFailure gets the original exception: " + r),
                () -> assertEquals(4, server.count("/dead-async")),
                () -> assertFalse(r.stdout.contains("IllegalStateException") || r.stderr.contains("Already Executed"), r::toString),
                () -> {
                    for (int n : new int[] {2, 4, 6, 8}) {
                        assertEquals("1", async(r, n).get("callbacks"), "call " + n + "'s callback ran once: " + r);
                    }
                },
                () -> assertEquals(pool[0], pool[1], "every connection back in the pool, idle: " + r.line("POOL ")),
                () -> assertTrue(r.stderr.contains("http: wove ") && r.stderr.contains(" of okhttp3."),
                        "the preset wove OkHttp's call: " + AgentLines.linesWith(r.stderr, "wove")));
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksWithEitherOkHttp")
    void retriedResponsesAreClosedSoTheirConnectionsComeBackAndNothingLeaks(Jdk jdk, int version) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.script("/alternate", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        AtomicInteger m = new AtomicInteger();
        server.script("/alternate-async", Script.of(() -> m.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add("execute GET /alternate");
            calls.add("enqueue GET /alternate-async");
        }
        AppJvm.Result r = calls(jdk, version, policy(""), "no-own-retries,leak-check", calls.toArray(new String[0]));
        int[] pool = pool(r, "POOL");
        int[] afterGc = pool(r, "POOL-AFTER-GC");
        assertAll(
                () -> {
                    for (int i = 1; i <= 20; i++) {
                        assertEquals("OK 200 ok /alternate" + (i % 2 == 0 ? "-async" : ""), r.call(i), r::toString);
                    }
                },
                () -> assertEquals(20, server.count("/alternate"), "each call: a 503, closed, then the 200"),
                () -> assertEquals(20, server.count("/alternate-async")),
                () -> assertEquals(pool[0], pool[1], "no connection held by an unclosed response: " + r.line("POOL ")),
                () -> assertEquals(afterGc[0], afterGc[1], r.line("POOL-AFTER-GC ")),
                () -> assertTrue(server.connections() <= 2, "the connections were reused, not abandoned: " + server.connections()),
                () -> assertFalse(r.stderr.contains("was leaked"), "OkHttp saw no leaked response: " + r.stderr));
    }

    /** The check above can fail: an application that leaks its responses, without the agent, makes OkHttp warn. */
    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("okHttpOnThisJdk")
    void theLeakCheckSeesAResponseNobodyClosed(Jdk jdk, int version) throws Exception {
        server.script("/leak", Script.failTimes(1, 503));
        AppJvm.Result r = calls(jdk, version, null, "no-own-retries,app-leaks,leak-check", "execute GET /leak", "execute GET /leak");
        int[] pool = pool(r, "POOL");
        assertEquals(2, pool[0] - pool[1], "two connections held by the two unclosed responses: " + r.line("POOL "));
        assertTrue(r.stderr.contains("A connection to " + server.baseUrl() + "/ was leaked"), r::toString);
        assertEquals(3, server.connections(), "each unclosed response kept its connection; the probe needed a third");
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksWithEitherOkHttp")
    void postsNeedAnIdempotencyKeyAndOneShotBodiesAreNeverRetried(Jdk jdk, int version) throws Exception {
        for (String p : new String[] {"/plain", "/keyed", "/oneshot", "/plain-async", "/keyed-async", "/oneshot-async"}) {
            server.script(p, Script.failTimes(2, 503));
        }
        AppJvm.Result r = calls(jdk, version, policy(""), "no-own-retries",
                "execute POST /plain", "execute POST /keyed key=order-1", "execute POST /oneshot key=order-2 oneshot",
                "enqueue POST /plain-async", "enqueue POST /keyed-async key=order-3", "enqueue POST /oneshot-async key=order-4 oneshot");
        assertAll(
                () -> assertEquals("OK 503 status 503", r.call(1), r::toString),
                () -> assertEquals(1, server.count("POST", "/plain"), "a POST without Idempotency-Key: one attempt"),
                () -> assertEquals("OK 200 ok /keyed", r.call(2), r::toString),
                () -> assertEquals(List.of("order-1", "order-1", "order-1"), server.headers("/keyed", "Idempotency-Key"),
                        "with a key: retried, the key on every attempt"),
                () -> assertEquals("OK 503 status 503", r.call(3), r::toString),
                () -> assertEquals(1, server.count("POST", "/oneshot"), "a one-shot body cannot be sent again: one attempt"),
                () -> assertEquals("OK 503 status 503", r.call(4), r::toString),
                () -> assertEquals(1, server.count("POST", "/plain-async")),
                () -> assertEquals("OK 200 ok /keyed-async", r.call(5), r::toString),
                () -> assertEquals(3, server.count("POST", "/keyed-async")),
                () -> assertEquals("OK 503 status 503", r.call(6), r::toString),
                () -> assertEquals(1, server.count("POST", "/oneshot-async")));
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksWithEitherOkHttp")
    void retryAfterIsHonouredAndEnqueueRetriesWithoutBlockingTheCaller(Jdk jdk, int version) throws Exception {
        server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
        server.script("/busy-async", Script.sequence(Step.statusWithRetryAfter(503, "1"), Step.ok()));
        server.script("/hour", Script.sequence(Step.tooManyRequests("3600"), Step.ok()));
        AppJvm.Result r = calls(jdk, version, policy(""), "no-own-retries", "execute GET /busy", "enqueue GET /busy-async", "execute GET /hour");
        java.util.Map<String, String> async = async(r, 2);
        assertAll(
                () -> assertEquals("OK 200 ok /busy", r.call(1), r::toString),
                () -> assertTrue(gapMillis("/busy") >= 950, "Retry-After: 1 waited, not the 20 ms backoff: " + gapMillis("/busy") + " ms"),
                () -> assertEquals("OK 200 ok /busy-async", r.call(2), r::toString),
                () -> assertTrue(gapMillis("/busy-async") >= 950, "enqueue: Retry-After: 1 waited: " + gapMillis("/busy-async") + " ms"),
                () -> assertEquals("1", async.get("callbacks"), "the callback ran once, with the final outcome: " + r.line("ASYNC 2 ")),
                () -> assertTrue(Long.parseLong(async.get("returnedMillis")) + 500 < Long.parseLong(async.get("callbackMillis")),
                        "enqueue returned long before the retry's outcome (the caller's thread did not wait out the 1 s): " + r.line("ASYNC 2 ")),
                () -> assertFalse(async.get("thread").equals("main"), "the callback ran off the caller's thread: " + r.line("ASYNC 2 ")),
                () -> assertEquals("OK 200 ok /hour", r.call(3), r::toString),
                () -> assertTrue(gapMillis("/hour") >= 1450 && gapMillis("/hour") < 30_000,
                        "an hour asked, backoff.max (1500 ms) taken: " + gapMillis("/hour") + " ms"));
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksWithEitherOkHttp")
    void theRequestTimeoutAppliesWhereTheClientSetNoCallTimeout(Jdk jdk, int version) throws Exception {
        server.script("/hang", Script.sequence(Step.delay(8000), Step.delay(8000), Step.ok()));
        server.script("/hang-async", Script.sequence(Step.delay(8000), Step.delay(8000), Step.ok()));
        server.script("/own", Script.sequence(Step.delay(1500), Step.ok()));
        // 1 s rather than less: on a busy machine the third attempt's answer must come within it
        String yaml = policy("    http: { timeouts: { connect: 1s, request: 1s } }");
        AppJvm.Result bare = calls(jdk, version, yaml, "no-own-retries", "execute GET /hang", "enqueue GET /hang-async");
        AppJvm.Result own = calls(jdk, version, yaml, "no-own-retries,call-timeout-5000", "execute GET /own");
        assertAll(
                () -> assertEquals("OK 200 ok /hang", bare.call(1), bare::toString),
                () -> assertEquals(3, server.count("/hang"), "no call timeout (OkHttp's 10 s read timeout aside): two attempts cut off at 1 s"),
                () -> assertEquals("OK 200 ok /hang-async", bare.call(2), bare::toString),
                () -> assertEquals(3, server.count("/hang-async")),
                () -> assertEquals("OK 200 ok /own", own.call(1), own::toString),
                () -> assertEquals(1, server.count("/own"), "the client's own 5 s call timeout was kept"));
    }

    @ParameterizedTest(name = "OkHttp {1} on {0}")
    @MethodSource("jdksWithEitherOkHttp")
    void theStartUpLineSaysTheMostRequestsOneCallCanSendWithRetryOnConnectionFailure(Jdk jdk, int version) throws Exception {
        server.script("/dead", Script.sequence(Step.reset()));
        // OkHttp's default retryOnConnectionFailure(true) retries a request whose pooled connection failed:
        // the first call leaves a connection in the pool
        AppJvm.Result r = calls(jdk, version, policy(""), "-", "execute GET /warm", "execute GET /dead");
        assertTrue(r.call(2).startsWith("CAUGHT java.io.IOException"), r::toString);
        int most = AgentLines.maxRequests(r.stderr, PRESET);
        assertTrue(server.count("/dead") <= most, "the line says at most " + most + " requests; one call sent "
                + server.count("/dead") + ": " + AgentLines.linesWith(r.stderr, PRESET));
        assertTrue(most >= 4, "at least the policy's own 4 attempts: " + most);
    }
}
