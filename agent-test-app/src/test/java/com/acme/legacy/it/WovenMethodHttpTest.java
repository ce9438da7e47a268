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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "What a woven method's calls tell its policy" (issue 12, item 3): the policy weaves the application's own
 * method ({@code class}/{@code method}), which talks HTTP through {@code HttpURLConnection} directly, Spring's
 * {@code RestTemplate} 5.3, OpenFeign or Commons HttpClient 3.1 and throws whatever it throws; the agent watches
 * the requests each attempt makes and classifies the failure with what they saw: a 503 retried, a 400 not, a
 * POST not (unless it carries an Idempotency-Key), Retry-After honoured, the inner calls not retried on their
 * own (requests = attempts of the method).
 */
class WovenMethodHttpTest extends BlackBoxTest {

    /**
     * An application class over one HTTP client, the exception its methods throw for a 400 and for a 503, and
     * whether its client is in legacy-app's lib-http (Spring, Feign, Commons HttpClient 3.1).
     */
    record Client(String name, String className, String badRequest, String unavailable, boolean needsLibraries) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Client> CLIENTS = List.of(
            new Client("urlconnection", "com.acme.legacy.orders.UrlConnectionOrders",
                    "java.io.IOException Server returned HTTP response code: 400 for URL: ",
                    "java.io.IOException Server returned HTTP response code: 503 for URL: ", false),
            new Client("status-checking", "com.acme.legacy.orders.StatusCheckingOrders",
                    "com.acme.legacy.orders.OrderServiceException order service answered 400 for ",
                    "com.acme.legacy.orders.OrderServiceException order service answered 503 for ", false),
            new Client("resttemplate", "com.acme.legacy.orders.RestTemplateOrders",
                    "org.springframework.web.client.HttpClientErrorException$BadRequest 400 ",
                    "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable 503 ", true),
            new Client("feign", "com.acme.legacy.orders.FeignOrders",
                    "feign.FeignException$BadRequest [400 ",
                    "feign.FeignException$ServiceUnavailable [503 ", true),
            new Client("commons3", "com.acme.legacy.orders.CommonsHttp3Orders",
                    "com.acme.legacy.orders.OrderRequestFailed order service answered 400 for ",
                    "com.acme.legacy.orders.OrderRequestFailed order service answered 503 for ", true));

    static Stream<Arguments> clientsOnJdks() {
        return Jdk.all().flatMap(jdk -> CLIENTS.stream().map(c -> Arguments.of(c, jdk)));
    }

    /** The application's get and submit, woven by class and method; {@code extra} adds keys or policies. */
    static String policy(String className, String extra) {
        return String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: orders",
                "    match:",
                "      - { class: " + className + ", method: get }",
                "      - { class: " + className + ", method: submit }",
                "    retry: { maxAttempts: 4, backoff: { initial: 20ms, max: 1500ms } }",
                extra,
                "");
    }

    /** {@code OrdersScenarios CLIENT BASE CALL...} with {@code libraries} on the class path, with the agent unless {@code yaml} is null. */
    AppJvm.Result orders(Jdk jdk, String yaml, String client, List<Path> libraries, String... calls) throws Exception {
        List<String> args = new ArrayList<>(List.of("orders-" + client, server.baseUrl()));
        Collections.addAll(args, calls);
        return AppJvm.run(jdk, yaml == null ? null : AppJvm.policy(dir, yaml), List.of(), libraries, args.toArray(new String[0]));
    }

    long gapMillis(String path) {
        List<Long> at = server.arrivals(path);
        return at.size() < 2 ? -1 : (at.get(1) - at.get(0)) / 1_000_000;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("clientsOnJdks")
    void theRequestsOfEachAttemptDecideWhatTheMethodsFailureMeans(Client client, Jdk jdk) throws Exception {
        server.script("/twice", Script.failTimes(2, 503));
        server.script("/bad", Script.always(400));
        server.script("/post", Script.failTimes(2, 503));
        server.script("/keyed", Script.failTimes(2, 503));
        server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
        server.script("/down", Script.always(503));
        AppJvm.Result r = orders(jdk, policy(client.className(), ""), client.name(),
                client.needsLibraries() ? LegacyLibraries.httpClients() : List.of(),
                "GET /twice", "GET /bad", "POST /post", "POST /keyed key=order-1", "GET /busy", "GET /down");
        assertAll(
                () -> assertEquals("OK ok /twice", r.call(1), r::toString),
                () -> assertEquals(3, server.count("/twice"), "a 503 in the attempt: retried, whatever the method threw"),
                () -> assertTrue(r.call(2).startsWith("CAUGHT " + client.badRequest()), r::toString),
                () -> assertEquals(1, server.count("/bad"), "a 400 as the attempt's last response: permanent, not retried"),
                () -> assertTrue(r.call(3).startsWith("CAUGHT " + client.unavailable()), r::toString),
                () -> assertEquals(1, server.count("/post"), "the attempt sent a POST without Idempotency-Key: not retried"),
                () -> assertEquals("OK ok /keyed", r.call(4), r::toString),
                () -> assertEquals(List.of("order-1", "order-1", "order-1"), server.headers("/keyed", "Idempotency-Key"),
                        "a POST with Idempotency-Key: retried"),
                () -> assertEquals("OK ok /busy", r.call(5), r::toString),
                () -> assertTrue(gapMillis("/busy") >= 950, "Retry-After: 1 replaced the 20 ms backoff: " + gapMillis("/busy") + " ms"),
                () -> assertTrue(r.call(6).startsWith("CAUGHT " + client.unavailable()),
                        "exhausted: the method's own last exception: " + r),
                () -> assertEquals(4, server.count("/down"), "requests = the method's 4 attempts, the inner call never retried on its own"));
    }

    /** The {@code http} block is read for application methods as well: statuses and retryNonIdempotent. */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theHttpBlockIsReadForApplicationMethods(Jdk jdk) throws Exception {
        server.script("/bad-gateway", Script.failTimes(2, 502));
        server.script("/unavailable", Script.failTimes(2, 503));
        server.script("/post", Script.failTimes(2, 503));
        AppJvm.Result r = orders(jdk, policy("com.acme.legacy.orders.StatusCheckingOrders",
                        "    http: { statuses: [503], retryNonIdempotent: true }"), "status-checking", List.of(),
                "GET /bad-gateway", "GET /unavailable", "POST /post");
        assertAll(
                () -> assertEquals("CAUGHT com.acme.legacy.orders.OrderServiceException order service answered 502 for /bad-gateway",
                        r.call(1), r::toString),
                () -> assertEquals(1, server.count("/bad-gateway"), "502 is not in statuses, and the method's exception is unclassified"),
                () -> assertEquals("OK ok /unavailable", r.call(2), r::toString),
                () -> assertEquals(3, server.count("/unavailable")),
                () -> assertEquals("OK ok /post", r.call(3), r::toString),
                () -> assertEquals(3, server.count("/post"), "retryNonIdempotent: true: the POST is retried"));
    }

    static Stream<Arguments> presetClientsOnJdks() {
        return Jdk.all().flatMap(jdk -> Stream.of(
                Arguments.of("apache4", "apache-http4", "com.acme.legacy.orders.Apache4Orders", 0, jdk),
                Arguments.of("okhttp", "okhttp", "com.acme.legacy.orders.OkHttpOrders", 3, jdk),
                Arguments.of("okhttp", "okhttp", "com.acme.legacy.orders.OkHttpOrders", 4, jdk)));
    }

    /**
     * A client a preset covers, inside a woven application method, with the preset's policy in the same file:
     * only the method retries (requests = its attempts, not attempts x the preset's), and what its calls saw
     * classifies its failure.
     */
    @ParameterizedTest(name = "{0} {3} under {1} on {4}")
    @MethodSource("presetClientsOnJdks")
    void aPresetsClientInsideAWovenMethodRunsOncePerAttempt(String client, String preset, String className, int okhttp, Jdk jdk) throws Exception {
        server.script("/twice", Script.failTimes(2, 503));
        server.script("/bad", Script.always(400));
        server.script("/post", Script.failTimes(2, 503));
        server.script("/down", Script.always(503));
        String yaml = policy(className, String.join("\n",
                "  - name: library",
                "    match: [{ preset: " + preset + " }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 20ms } }"));
        AppJvm.Result r = orders(jdk, yaml, client, okhttp == 0 ? List.of() : LegacyLibraries.okhttp(okhttp),
                "GET /twice", "GET /bad", "POST /post", "GET /down");
        String failed = "CAUGHT com.acme.legacy.orders.OrderServiceException order service answered ";
        assertAll(
                () -> assertEquals("OK ok /twice", r.call(1), r::toString),
                () -> assertEquals(3, server.count("/twice")),
                () -> assertEquals(failed + "400 for /bad", r.call(2), r::toString),
                () -> assertEquals(1, server.count("/bad"), "the 400 its call saw: not retried"),
                () -> assertEquals(failed + "503 for /post", r.call(3), r::toString),
                () -> assertEquals(1, server.count("/post"), "a POST without Idempotency-Key: not retried"),
                () -> assertEquals(failed + "503 for /down", r.call(4), r::toString),
                () -> assertEquals(4, server.count("/down"), "the method's 4 attempts, each sending once (not 4 x 3)"));
    }
}
